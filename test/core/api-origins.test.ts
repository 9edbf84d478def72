import { expect } from '@open-wc/testing';
import { apiOrigins, createAuthorizedFetch } from '../../src/core/authorized-fetch.js';
import type { SessionTokenError } from '../../src/core/errors.js';

// Contract §7: the bearer token goes to the page's origin and the `api-origins`, compared as origins
// (scheme, host, port), never as text. Each address below is one a string match would have let through.
const allowed = 'https://api.example.com';

/** An authorized fetch whose network is a log of what was sent, and with what Authorization. */
function recordingFetch(listed: string[]) {
  const sent: Array<{ url: string; authorization: string | null }> = [];
  const fetch = createAuthorizedFetch({
    getToken: async () => 'the-token',
    refresh: async () => 'the-token',
    origins: ['http://page.example', ...apiOrigins(listed)],
    fetch: (async (input: RequestInfo | URL) => {
      const request = input as Request;
      sent.push({ url: request.url, authorization: request.headers.get('Authorization') });
      return new Response('ok');
    }) as typeof globalThis.fetch,
  });
  return { fetch, sent };
}

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: SessionTokenError) => error);

describe('api-origins: the token goes to listed origins only', () => {
  for (const [form, url] of [
    ['a longer host that starts with the listed one', 'https://api.example.com.evil.test/data'],
    ['another port', 'https://api.example.com:8443/data'],
    ['another scheme', 'http://api.example.com/data'],
    ['a trailing dot (another origin to the browser)', 'https://api.example.com./data'],
    ['a look-alike host in another script (IDN)', 'https://аpi.example.com/data'],
    ['a sibling subdomain', 'https://evil.api.example.com/data'],
  ]) {
    it(`refuses ${form}, with invalid-config naming api-origins, and sends nothing`, async () => {
      const { fetch, sent } = recordingFetch([allowed]);
      const error = await refusal(fetch(url));
      expect(error?.code, url).to.equal('invalid-config');
      expect(error?.message).to.contain('api-origins');
      expect(sent).to.deep.equal([]);
    });
  }

  // fetch() itself refuses a URL with credentials (a TypeError from new Request(), in every engine), before any check.
  for (const url of ['https://api.example.com@evil.test/data', 'https://api.example.com:443@evil.test/data']) {
    it(`refuses the listed host as userinfo before another host (${url}) and sends nothing`, async () => {
      const { fetch, sent } = recordingFetch([allowed]);
      const error = await refusal(fetch(url));
      expect(error).to.be.an('error');
      expect(sent).to.deep.equal([]);
    });
  }

  it('sends the token to the listed origin however its host is spelt: upper case, default port, punycode', async () => {
    const { fetch, sent } = recordingFetch([allowed, 'https://bücher.example']);
    for (const url of ['https://api.example.com/a', 'https://API.Example.COM/b', 'https://api.example.com:443/c', 'https://xn--bcher-kva.example/d']) {
      expect((await fetch(url)).status, url).to.equal(200);
    }
    expect(sent.map((call) => call.authorization)).to.deep.equal(Array(4).fill('Bearer the-token'));
    expect(sent.map((call) => new URL(call.url).host)).to.deep.equal(['api.example.com', 'api.example.com', 'api.example.com', 'xn--bcher-kva.example']);
  });

  it('matches an origin listed in upper case or with a path, and the page\'s own origin', async () => {
    const { fetch, sent } = recordingFetch(['HTTPS://API.EXAMPLE.COM/some/path']);
    await fetch('https://api.example.com/x');
    await fetch('http://page.example/y');
    expect(sent.map((call) => call.url)).to.deep.equal(['https://api.example.com/x', 'http://page.example/y']);
  });

  it('names api-origins for an entry that is not an origin', () => {
    expect(() => apiOrigins(['api.example.com'])).to.throw(/api-origins: "api.example.com" is not an origin/).with.property('code', 'invalid-config');
    expect(apiOrigins()).to.deep.equal([]);
  });
});
