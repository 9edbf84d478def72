import { expect, fixture } from '@open-wc/testing';
import '../../src/define.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { eventually } from '../helpers/harness.js';

// Contract §2: an `initial-token`'s life is counted from the page's navigation start (the server minted it for
// this response), not from when the element is connected. The browser's own record of that moment is
// performance.timeOrigin; a page at least 1.5 s old tells the two apart.
describe('<session-token initial-token>', () => {
  it('counts the server-rendered token\'s life from the navigation start, not from when the element connects', async () => {
    await eventually(() => performance.now() > 1_500, 'a page 1.5 s old', 2_000);
    const minted = createEndpoint();
    const initialToken = ((await (await fetch(minted.url, { method: 'POST' })).json()) as { jwt: string }).jwt; // lives 60 s
    const endpoint = createEndpoint();
    const el = await fixture<SessionTokenElement>(`<session-token endpoint="${endpoint.url}" initial-token="${initialToken}"></session-token>`);
    expect(el.token).to.equal(initialToken);
    expect(el.expiresAt! - (performance.timeOrigin + 60_000)).to.be.within(-100, 100);
    expect((await endpoint.stats()).requests).to.equal(0);
  });
});
