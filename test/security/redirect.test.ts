import { expect } from '@open-wc/testing';
import { createSession, type Session } from '../../src/core/session.js';
import { createApi, otherOrigin } from '../helpers/api.js';
import { createEndpoint } from '../helpers/endpoint.js';

// Issue 18 point 7: the bearer token stays home. fetch() adds it for the page's origin (and api-origins)
// only; an API on the page's origin that redirects the request to another origin must not carry it there.
// The browser drops an Authorization header set by script on a cross-origin redirect (Fetch standard,
// since November 2022): Chrome 119, Firefox 111, WebKit before the change. This test holds every engine
// the suite runs to it. 127.0.0.1 is another origin than localhost, served by the same test server.

/** The next answer of `api` is a 302 to `url`. */
const redirect = (api: ReturnType<typeof createApi>, url: string) =>
  fetch(`/__api/${api.url().split('/').pop()}/script`, { method: 'POST', body: JSON.stringify({ statuses: [url] }) });

describe('fetch() and redirects', () => {
  let session: Session;
  afterEach(() => session?.dispose());

  it('does not carry the token to another origin the API redirects to', async () => {
    session = createSession({ endpoint: createEndpoint().url });
    const token = await session.getToken();
    const [home, elsewhere] = [createApi(), createApi()];
    await redirect(home, elsewhere.url(otherOrigin()));

    const response = await session.fetch(home.url());
    expect(response.url, 'the redirect was followed').to.equal(elsewhere.url(otherOrigin()));
    expect((await home.log()).map((call) => call.authorization)).to.deep.equal([`Bearer ${token}`]);
    const reached = await elsewhere.log();
    expect(reached, 'the other origin got the request').to.have.length(1);
    expect(reached[0].authorization, 'and no token').to.equal('');
  });

  it('keeps the token on a redirect within the page\'s origin', async () => {
    session = createSession({ endpoint: createEndpoint().url });
    const token = await session.getToken();
    const [home, moved] = [createApi(), createApi()];
    await redirect(home, moved.url());
    const response = await session.fetch(home.url());
    expect(response.status).to.equal(200);
    expect((await moved.log()).map((call) => call.authorization)).to.deep.equal([`Bearer ${token}`]);
  });
});
