import { expect } from '@open-wc/testing';
import { disposeAll, startSession, untilEvents, untilRequests } from '../helpers/harness.js';

// A token request that hangs is abandoned after `requestTimeoutMs` and retried. The abort is real (a real
// request to a server that has not answered yet), so the engine's own rejection is what the session sees:
// WebKit rejects an aborted fetch() with an AbortError of its own, not the signal's reason.
describe('request timeout', () => {
  afterEach(disposeAll);

  it('a token request with no answer in time is a network failure the session retries, in every engine', async () => {
    const h = await startSession([{ delayMs: 3_000 }, {}], { requestTimeoutMs: 1_000 });
    await untilRequests(h, 1);
    await h.clock.advance(1_000);
    await untilEvents(h, 'tokenerror');
    const [{ detail }] = h.of('tokenerror');
    expect(detail.error.code, detail.error.message).to.equal('network');
    expect(detail.willRetry).to.equal(true);
    // The first quick retry (within 3 s) gets the second, prompt answer.
    await h.clock.advance(3_000);
    await untilEvents(h, 'tokenupdate');
    expect(await h.requests()).to.equal(2);
  });
});
