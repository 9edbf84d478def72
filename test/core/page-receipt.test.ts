import { expect } from '@open-wc/testing';
import { createEndpoint, type Step } from '../helpers/endpoint.js';
import { createTestCookies, disposeAll, startSession, untilEvents } from '../helpers/harness.js';

// Issue 18 point 6: `initial-token` and `cookie-name` on one page. The receipt `<name>-at` written beside
// the mirrored cookie says when the token's request was sent, on the browser's clock; the next page
// counts the token's life from there. It must be readable whatever that moment was (a navigation start
// is a fractional ms time), and a worse receipt never replaces a better one: not an older token of the
// same session, and not the same token dated later (which would make it look younger than it is).

/** A real token minted by a side endpoint, so the session's own endpoint counts only its own requests. */
async function mint(step: Step = {}): Promise<string> {
  const minter = createEndpoint();
  await minter.setDefault(step);
  return (await (await fetch(minter.url, { method: 'POST' })).json()).jwt;
}

describe('the page token and the mirrored cookie together', () => {
  afterEach(disposeAll);

  it('writes a receipt from a fractional navigation start that the next page reads: no request on either page', async () => {
    const cookies = createTestCookies();
    const first = await startSession([], { initialToken: await mint(), pageStart: 1_699_999_999_876.543 }, { cookies });
    await untilEvents(first, 'tokenupdate');
    expect(first.of('tokenupdate')[0].detail.source).to.equal('initial');
    expect(cookies.values.get('session-at')).to.match(/^1699999999876\./);

    await first.clock.advance(10_000);
    const next = await startSession([], {}, { cookies, clock: first.clock, endpoint: first.endpoint });
    await untilEvents(next, 'tokenupdate');
    expect(next.of('tokenupdate')[0].detail.source).to.equal('cookie');
    expect(next.session.token).to.equal(first.session.token);
    expect(next.session.expiresAt).to.equal(1_699_999_999_876 + 60_000);
    expect(await next.requests()).to.equal(0);
  });

  it('counts the life of a server-rendered token the cookie already holds from the earlier receipt, and keeps that receipt', async () => {
    const cookies = createTestCookies();
    const first = await startSession([], {}, { cookies });
    await untilEvents(first, 'tokenupdate');
    const sentAt = first.clock.now();
    const receipt = cookies.values.get('session-at');
    expect(receipt).to.match(new RegExp(`^${sentAt}\\.`));

    // 50 s later the server renders the cookie's token into the next page (it echoes what it got).
    const token = first.session.token!;
    first.session.dispose();
    await first.clock.advance(50_000);
    const next = await startSession([{ delayMs: 300 }], { initialToken: token, pageStart: first.clock.now() }, { cookies, clock: first.clock });
    await untilEvents(next, 'tokenupdate');
    expect(next.session.expiresAt, 'counted from the first request, not the navigation start').to.equal(sentAt + 60_000);
    expect(cookies.values.get('session-at')).to.equal(receipt);
    // 10 s left: stale, so served and refreshed in the background now, not in 45 s.
    expect(next.session.status).to.equal('signed-in');
    await untilEvents(next, 'tokenupdate', 2);
    expect(next.of('tokenupdate')[1].detail.source).to.equal('fetch');
  });

  it('takes a newer token of the same session from the cookie over an older one rendered into the page', async () => {
    const cookies = createTestCookies();
    const first = await startSession([], {}, { cookies });
    await untilEvents(first, 'tokenupdate');
    const older = await mint({ iatOffset: -20 });
    const next = await startSession([], { initialToken: older, pageStart: first.clock.now() }, { cookies, clock: first.clock, endpoint: first.endpoint });
    await untilEvents(next, 'tokenupdate');
    expect(next.of('tokenupdate')[0].detail.source).to.equal('cookie');
    expect(next.session.token).to.equal(first.session.token);
    expect(cookies.values.get('session')).to.equal(first.session.token);
    expect(await next.requests()).to.equal(1);
  });

  it('never writes an older token of the same session over the newer one the cookie holds', async () => {
    const cookies = createTestCookies();
    // Both pages start with an empty cookie jar; the second one's (older) token arrives last.
    const [newer, late] = await Promise.all([
      startSession([{}], {}, { cookies }),
      startSession([{ iatOffset: -20, delayMs: 300 }], {}, { cookies }),
    ]);
    await untilEvents(newer, 'tokenupdate');
    await untilEvents(late, 'tokenupdate');
    expect(cookies.values.get('session')).to.equal(newer.session.token);
    expect(cookies.values.get('session-at')).to.match(new RegExp(`^${newer.of('tokenupdate')[0].detail.expiresAt - 60_000}\\.`));
  });
});
