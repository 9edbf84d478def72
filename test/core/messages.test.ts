import { expect } from '@open-wc/testing';
import { defaultBackoff } from '../../src/core/backoff.js';
import { openChannel, type ChannelFactory } from '../../src/core/channel.js';
import { createVirtualClock } from '../../src/core/clock.js';
import { disposed, offline, SessionTokenError } from '../../src/core/errors.js';
import { nextStep, sleep, waitStep } from '../../src/core/retry.js';
import { replaces, type Token } from '../../src/core/token.js';

describe('channel: what reaches the session', () => {
  /** A channel factory whose one channel the test drives. */
  function fakeChannel() {
    let deliver: ((event: MessageEvent) => void) | null = null;
    const state = { closed: false, posted: [] as unknown[] };
    const factory: ChannelFactory = () => ({
      addEventListener: (_type: string, listener: unknown) => void (deliver = listener as (event: MessageEvent) => void),
      postMessage: (message: unknown) => void state.posted.push(message),
      close: () => void (state.closed = true),
    }) as never;
    return { factory, state, receive: (data: unknown) => deliver!({ data } as MessageEvent) };
  }

  it('passes on well-formed messages only, posts with version and endpoint, and closes its channel', () => {
    const fake = fakeChannel();
    const received: unknown[] = [];
    const channel = openChannel('https://app.example/token', (message) => received.push(message), fake.factory);
    fake.receive({ v: 1, type: 'other', endpoint: 'https://app.example/token', jws: 'a.b.c', ageMs: 0 });
    fake.receive('garbage');
    fake.receive({ v: 1, type: 'signout', endpoint: 'https://app.example/token' });
    expect(received).to.deep.equal([{ v: 1, type: 'signout', endpoint: 'https://app.example/token' }]);
    channel.post({ type: 'signout', ageMs: 5 });
    expect(fake.state.posted).to.deep.equal([{ v: 1, endpoint: 'https://app.example/token', type: 'signout', ageMs: 5 }]);
    channel.close();
    expect(fake.state.closed).to.equal(true);
  });
});

describe('errors', () => {
  it('names itself, and says why for a disposed session and an offline browser, keeping the cause', () => {
    const cause = new SessionTokenError('network', 'unreachable');
    const error = offline(cause);
    expect(error).to.include({ name: 'SessionTokenError', code: 'offline', message: 'the browser is offline', cause });
    expect(offline(error)).to.equal(error);
    expect(disposed()).to.include({ code: 'aborted', message: 'the session was disposed' });
  });
});

describe('retry: the step after a failure', () => {
  const network = new SessionTokenError('network', 'unreachable');
  const first = { retry: 0, callersWaiting: true, refreshIntervalMs: 0 };
  it('waits for the network, spending nothing, when the browser is offline or the failure says so', () => {
    expect(nextStep(network, first, defaultBackoff, false)).to.deep.equal({ kind: 'wait-online' });
    expect(nextStep(offline(), first, defaultBackoff, true)).to.deep.equal({ kind: 'wait-online' });
    expect(nextStep(network, first, defaultBackoff, true).kind).to.equal('back-off');
  });

  it('a wait ends on wake(), and rejects with the reason when its run is aborted, timed or not', async () => {
    const clock = createVirtualClock(0);
    for (const ms of [1_000, null]) {
      const controller = new AbortController();
      const wait = sleep(clock, ms, controller.signal);
      controller.abort(new Error('run over'));
      expect(await wait.done.then(() => 'resolved', (reason: Error) => reason.message), String(ms)).to.equal('run over');
    }
    const woken = sleep(clock, null, new AbortController().signal);
    woken.wake();
    await woken.done;
    expect(clock.pendingTimers).to.equal(0);
  });
});

describe('replaces: only a newer token of the same session', () => {
  const token = (jws: string, iat: number, expiresAt: number, claims: object = {}): Token => ({ jws, claims: { iat, exp: iat + 60, sub: 'u', sid: 's', ...claims }, localIat: 0, expiresAt });
  const held = token('held', 1_000, 60_000);

  it('takes a later iat, or the same iat living longer; never the same token, an older one, or another session', () => {
    expect(replaces(held, null)).to.equal(true);
    expect(replaces(token('later', 1_001, 50_000), held), 'a later iat, whatever its expiry').to.equal(true);
    expect(replaces(token('longer', 1_000, 60_001), held), 'same second, longer life').to.equal(true);
    expect(replaces(token('held', 1_001, 70_000), held), 'the same JWS').to.equal(false);
    expect(replaces(token('same', 1_000, 60_000), held), 'same second, same life').to.equal(false);
    expect(replaces(token('shorter', 1_000, 59_999), held), 'same second, shorter life').to.equal(false);
    expect(replaces(token('older', 999, 90_000), held), 'an earlier iat, however long it lives').to.equal(false);
    expect(replaces(token('other', 1_001, 70_000, { sid: 't' }), held), 'another session').to.equal(false);
    expect(replaces(token('other', 1_001, 70_000, { sub: 'v' }), held), 'another user').to.equal(false);
  });
});

describe('retry: a wait chosen with nobody waiting, and its hurry', () => {
  const server = new SessionTokenError('server', 'answered 500');
  const alone = { retry: 0, callersWaiting: false, refreshIntervalMs: 45_000 };

  it('owes a caller who comes the quick retry, never before a Retry-After; a quick wait owes nothing more', () => {
    const step = nextStep(server, alone, defaultBackoff, true, () => 0);
    expect(step).to.deep.equal({ kind: 'back-off', delayMs: 45_000, wakeable: true, hurryMs: 2_250 });
    expect(nextStep(server, { ...alone, callersWaiting: true }, defaultBackoff, true, () => 0)).to.include({ delayMs: 2_250, hurryMs: null });
    const asked = new SessionTokenError('server', 'answered 429', { retryAfterMs: 7_000 });
    // A caller who comes gets the quick retry, but never before the server's Retry-After.
    expect(nextStep(asked, alone, defaultBackoff, true, () => 0)).to.include({ delayMs: 45_000, wakeable: false, hurryMs: 7_000 });
    expect(nextStep(asked, { ...alone, callersWaiting: true }, defaultBackoff, true, () => 0)).to.include({ delayMs: 7_000, hurryMs: null });
  });

  it('hurry() ends the wait sooner, never later; wake() at once', async () => {
    const clock = createVirtualClock(0);
    const signal = new AbortController().signal;
    const ended: number[] = [];
    const late = sleep(clock, 1_000, signal);
    void late.done.then(() => ended.push(clock.now()));
    late.hurry(5_000); // later than it ends: no change
    late.hurry(1_000); // the same moment: no change
    await clock.advance(1_000);
    expect(ended).to.deep.equal([1_000]);
    ended.length = 0;
    const wait = sleep(clock, 10_000, signal);
    void wait.done.then(() => ended.push(clock.now() - 1_000));
    wait.hurry(20_000);
    await clock.advance(1_000);
    wait.hurry(2_000); // from now: at 3 s
    await clock.advance(1_999);
    expect(ended).to.deep.equal([]);
    await clock.advance(1);
    expect(ended).to.deep.equal([3_000]);
    expect(clock.pendingTimers).to.equal(0);
  });

  it('publishes its step: a back-off with wake and hurry (at the failure plus hurryMs), an offline wait with wake only', async () => {
    const clock = createVirtualClock(0);
    const signal = new AbortController().signal;
    const backOff = waitStep({ kind: 'back-off', delayMs: 45_000, wakeable: true, hurryMs: 2_250 }, clock, signal);
    expect(backOff.step.kind).to.equal('backing-off');
    await clock.advance(1_000);
    let done = false;
    void backOff.done.then(() => (done = true));
    (backOff.step as { hurry: () => void }).hurry();
    await clock.advance(1_249);
    expect(done).to.equal(false);
    await clock.advance(1);
    expect(done).to.equal(true);
    const asked = waitStep({ kind: 'back-off', delayMs: 7_000, wakeable: false, hurryMs: null }, clock, signal);
    expect(asked.step).to.deep.equal({ kind: 'backing-off', wake: null, hurry: null });
    const offlineWait = waitStep({ kind: 'wait-online' }, clock, signal);
    expect(Object.keys(offlineWait.step)).to.deep.equal(['kind', 'wake']);
    expect(offlineWait.step.kind).to.equal('waiting-online');
    expect(clock.pendingTimers).to.equal(1); // the asked-for wait's only: an offline wait sets no timer
  });
});
