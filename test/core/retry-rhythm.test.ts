import { expect } from '@open-wc/testing';
import { disposeAll, startSession, untilEvents, untilRequests } from '../helpers/harness.js';

// After a failed background refresh, a session nobody waits on keeps its refresh rhythm (bench/herd: the
// endpoint meets no more than its steady load when it comes back); a caller who comes meanwhile is owed
// the quick retry.
describe('retries and who waits for them', () => {
  afterEach(disposeAll);

  it('a failed background refresh is tried again a refresh interval later, not at once', async () => {
    const h = await startSession([{}, { status: 500 }]);
    await untilEvents(h, 'tokenupdate');
    await h.clock.advance(45_000);
    await untilEvents(h, 'tokenerror');
    await h.clock.advance(44_000);
    expect(await h.requests()).to.equal(2);
    await h.clock.advance(1_000);
    await untilEvents(h, 'tokenupdate', 2);
  });

  it('a caller who comes during that wait gets the quick retry: 2.25 s after the failure, or now if that passed', async () => {
    const h = await startSession([{}, { status: 500 }]);
    await untilEvents(h, 'tokenupdate');
    await h.clock.advance(45_000);
    await untilEvents(h, 'tokenerror');
    await h.clock.advance(11_000); // the token is no longer handed out (55 s)
    const token = h.session.getToken();
    await h.clock.advance(0);
    await untilRequests(h, 3); // at once: the quick retry's moment (45 s + 2.25 s) has passed
    const answer = await token;
    expect(answer).to.be.a('string');
    expect(answer).to.equal(h.session.token);
  });
});
