import { expect } from '@open-wc/testing';
import { SessionTokenError } from '../../src/core/errors.js';
import { accepts, answer, DEFAULT_TIMEOUT_MS, retryCase, signsOut, IDLE, nextWakeAt, statusChangesAt, statusOf, type Activity, type Held, type Step, type State, type Trouble } from '../../src/core/state.js';
import type { Token } from '../../src/core/token.js';

// The session's decisions, read off its state with no timers: a 60 s token received at 0 is fresh until
// 45 s (threshold 15 s), stale until 55 s, then no longer handed out.
const token: Token = { jws: 'a.b.c', claims: { exp: 60, iat: 0 }, localIat: 0, expiresAt: 60_000 };
const THRESHOLD = 15_000;
const held: Record<string, Held> = {
  empty: { kind: 'empty' },
  token: { kind: 'token', token, refreshAt: 47_000 },
  'signed-out': { kind: 'signed-out', at: 0 },
};
const failure = (code: 'server' | 'refused' | 'offline', since = 0, failures = 1): Trouble => ({
  error: new SessionTokenError(code, code),
  since,
  failures,
  final: code === 'refused',
});
const running = (step: 'fetching' | 'backing-off' | 'waiting-online'): Activity => ({
  kind: 'running',
  controller: new AbortController(),
  step: step === 'fetching' ? { kind: step } : ({ kind: step, wake: () => {}, hurry: null } as Step),
});
const state = (h: keyof typeof held, activity: Activity = IDLE, trouble: Trouble | null = null): State => ({ held: held[h], activity, trouble });

describe('state: what getToken() answers', () => {
  const rows: Array<[string, State, number, boolean, boolean, string]> = [
    // label, state, now, skipCache, online, answer
    ['a fresh token', state('token'), 10_000, false, true, 'serve'],
    ['a stale token, nothing under way', state('token'), 50_000, false, true, 'serve-and-refresh'],
    ['a stale token during a run', state('token', running('fetching')), 50_000, false, true, 'serve'],
    ['a stale token during a cool-down', state('token', { kind: 'cooling-down', until: 90_000 }, failure('server')), 50_000, false, true, 'serve'],
    ['a stale token while another tab refreshes', state('token', { kind: 'lock-busy', until: 52_000 }), 50_000, false, true, 'serve'],
    ['a stale token after a refusal (no retry until a trigger)', state('token', IDLE, failure('refused')), 50_000, false, true, 'serve'],
    ['an expired token', state('token'), 55_000, false, true, 'wait'],
    ['nothing yet', state('empty', running('fetching')), 0, false, true, 'wait'],
    ['nothing, backing off after a 500', state('empty', running('backing-off'), failure('server')), 2_000, false, true, 'wait'],
    ['nothing, quick retries spent', state('empty', { kind: 'cooling-down', until: 60_000 }, failure('server', 0, 4)), 20_000, false, true, 'reject'],
    ['nothing, the endpoint refused', state('empty', IDLE, failure('refused')), 1_000, false, true, 'reject'],
    ['signed out', state('signed-out'), 0, false, true, 'signed-out'],
    ['refresh() while signed out', state('signed-out'), 0, true, true, 'wait'],
    ['refresh() with a fresh token', state('token'), 10_000, true, true, 'wait'],
    ['refresh() during a cool-down', state('empty', { kind: 'cooling-down', until: 60_000 }, failure('server', 0, 4)), 20_000, true, true, 'wait'],
    ['refresh() after a refusal', state('empty', IDLE, failure('refused')), 1_000, true, true, 'wait'],
    ['offline with a fresh token', state('token'), 10_000, false, false, 'serve'],
    ['offline with nothing usable', state('empty', running('waiting-online'), failure('offline')), 10_000, false, false, 'reject'],
    ['refresh() offline', state('token'), 10_000, true, false, 'reject'],
  ];
  for (const [label, s, now, skipCache, online, expected] of rows) {
    it(`${label}: ${expected}`, () => expect(answer(s, now, THRESHOLD, skipCache, () => online)).to.equal(expected));
  }
});

describe('state: status', () => {
  const rows: Array<[string, State, number, boolean, string]> = [
    ['nothing yet, fetching', state('empty', running('fetching')), 0, true, 'loading'],
    ['a usable token, even while a refresh fails', state('token', running('backing-off'), failure('server', 45_000)), 54_000, true, 'signed-in'],
    ['a first 500, 2 s ago: still loading (a caller would wait)', state('empty', running('backing-off'), failure('server', 0)), 2_000, true, 'loading'],
    ['failing for the default getToken() timeout', state('empty', running('backing-off'), failure('server', 0)), DEFAULT_TIMEOUT_MS, true, 'error'],
    ['quick retries spent', state('empty', { kind: 'cooling-down', until: 60_000 }, failure('server', 0, 4)), 8_000, true, 'error'],
    ['refused', state('empty', IDLE, failure('refused', 0)), 0, true, 'error'],
    ['offline with nothing usable', state('token', running('waiting-online'), failure('offline', 45_000)), 56_000, false, 'offline'],
    ['back online, the run about to try again', state('empty', running('waiting-online'), failure('offline')), 1_000, true, 'loading'],
    ['signed out', state('signed-out'), 0, true, 'signed-out'],
    ['a token at the very ms it stops being usable', state('token'), 55_000, true, 'loading'],
  ];
  for (const [label, s, now, online, expected] of rows) {
    it(`${label}: ${expected}`, () => expect(statusOf(s, now, online)).to.equal(expected));
  }

  it('changes by time alone when the token stops being usable, or when failures reach the timeout', () => {
    expect(statusChangesAt(state('token'), 10_000)).to.equal(55_000);
    expect(statusChangesAt(state('empty', running('backing-off'), failure('server', 1_000)), 2_000)).to.equal(1_000 + DEFAULT_TIMEOUT_MS);
    expect(statusChangesAt(state('token', running('backing-off'), failure('server', 50_000)), 52_000)).to.equal(55_000);
    expect(statusChangesAt(state('token'), 56_000)).to.equal(Infinity);
    expect(statusChangesAt(state('signed-out'), 0)).to.equal(Infinity);
  });
});

describe('state: when the poller wakes', () => {
  const rows: Array<[string, State, boolean, number]> = [
    ['a held token: at its drawn refresh moment', state('token'), true, 47_000],
    ['the same in a hidden tab: 3 s later', state('token'), false, 50_000],
    ['during a run: never (the run is sequential)', state('token', running('backing-off'), failure('server')), true, Infinity],
    ['cooling down: when the cool-down ends', state('empty', { kind: 'cooling-down', until: 60_000 }, failure('server', 0, 4)), true, 60_000],
    ['another tab holds the lock: when it is time to look again', state('token', { kind: 'lock-busy', until: 49_000 }), true, 49_000],
    ['refused: never, until refresh() or a trigger', state('token', IDLE, failure('refused')), true, Infinity],
    ['signed out: never', state('signed-out'), true, Infinity],
    ['nothing held, nothing under way: never', state('empty'), true, Infinity],
  ];
  for (const [label, s, visible, expected] of rows) {
    it(label, () => expect(nextWakeAt(s, visible)).to.equal(expected));
  }
});

describe('state: tokens and sign-outs in the order their requests were sent', () => {
  // `token` was asked for at 0; a sign-out learnt from a request sent at `at`.
  const later = { ...token, jws: 'later', claims: { exp: 61, iat: 1 }, localIat: 1_000, expiresAt: 61_000 };
  const rows: Array<[string, boolean, boolean]> = [
    ['after a sign-out answering a request sent at 0: a token asked for at 1 s is taken', accepts({ kind: 'signed-out', at: 0 }, later), true],
    ['…and one asked for at the same ms is not', accepts({ kind: 'signed-out', at: 1_000 }, later), false],
    ['while a token is held: a newer one of the session is taken', accepts(held.token, later), true],
    ['…the same one is not', accepts(held.token, token), false],
    ['with nothing held: any token', accepts(held.empty, token), true],
    ['a sign-out from a request sent after the held token was asked for ends it', signsOut(held.token, 1), true],
    ['…one sent at the same ms too', signsOut(held.token, 0), true],
    ['…one sent before it does not', signsOut(held.token, -1), false],
    ['with nothing held, any sign-out counts', signsOut(held.empty, -1), true],
  ];
  for (const [label, actual, expected] of rows) it(label, () => expect(actual).to.equal(expected));
});

describe('state: what the next retry depends on', () => {
  it('counts the failures, who waits (a page that never held a token counts as waited on) and the refresh rhythm', () => {
    expect(retryCase(state('token', IDLE, failure('server', 0, 2)), false)).to.deep.equal({ retry: 2, callersWaiting: false, refreshIntervalMs: 47_000 });
    expect(retryCase(state('token'), true)).to.deep.equal({ retry: 0, callersWaiting: true, refreshIntervalMs: 47_000 });
    expect(retryCase(state('empty'), false)).to.deep.equal({ retry: 0, callersWaiting: true, refreshIntervalMs: 0 });
    expect(retryCase(state('signed-out'), false)).to.deep.equal({ retry: 0, callersWaiting: false, refreshIntervalMs: 0 });
  });
});
