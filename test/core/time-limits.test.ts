import { expect } from '@open-wc/testing';
import { createVirtualClock, MAX_DELAY_MS, systemClock, timerDelay } from '../../src/core/clock.js';
import { disposeAll, eventually, startSession, untilEvents } from '../helpers/harness.js';

const DAY_MS = 86_400_000;

describe('time limits: delays no browser timer can hold', () => {
  afterEach(disposeAll);

  it('clamps every delay to what a timer holds: 0 for negative or not a number, at most 2³¹−1 ms', () => {
    expect([timerDelay(-5), timerDelay(NaN), timerDelay(1_500), timerDelay(2 ** 31), timerDelay(Infinity)]).to.deep.equal([0, 0, 1_500, MAX_DELAY_MS, MAX_DELAY_MS]);
  });

  it('the system clock holds a delay past 24.8 days instead of firing at once, as the browser would', async () => {
    let fired = false;
    const timer = systemClock.setTimeout(() => (fired = true), 30 * DAY_MS);
    await new Promise((resolve) => setTimeout(resolve, 50));
    systemClock.clearTimeout(timer);
    expect(fired).to.equal(false);
  });

  it('the virtual clock rings a delay past 24.8 days at 24.8 days, like a clamped browser timer', async () => {
    const clock = createVirtualClock(0);
    let firedAt = -1;
    clock.setTimeout(() => (firedAt = clock.now()), 30 * DAY_MS);
    await clock.advance(31 * DAY_MS);
    expect(firedAt).to.equal(MAX_DELAY_MS);
  });

  it('getToken({ timeout: Infinity }) waits as long as it takes, past any timer', async () => {
    const h = await startSession([], { requestTimeoutMs: 40 * DAY_MS });
    await untilEvents(h, 'tokenupdate');
    h.gate.hold(); // the endpoint takes 30 days to answer
    let settled: string | null | Error | undefined;
    h.session.refresh({ timeout: Infinity }).then((token) => (settled = token), (error) => (settled = error));
    await h.clock.advance(30 * DAY_MS);
    expect(settled).to.equal(undefined);
    h.gate.release();
    // The held answer is days old, never handed out; the retry brings a token that is.
    await eventually(async () => (await h.clock.advance(500), settled !== undefined), 'the caller answered');
    expect(settled).to.be.a('string').and.equal(h.session.token);
  });

  it('rejects a timeout that is not a number of ms with invalid-config naming it', async () => {
    const h = await startSession();
    for (const timeout of [-1, NaN]) {
      const error = await h.session.getToken({ skipCache: true, timeout }).catch((e) => e);
      expect(error).to.have.property('code', 'invalid-config');
      expect(error.message).to.contain('timeout');
    }
  });
});
