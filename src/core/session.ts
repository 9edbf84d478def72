// createSession(): the one stateful hub. Its state is one `State` value (state.ts); the decisions are
// pure functions of it; this file holds the wiring and the effects.
//
// The rule everywhere: COMMIT THE STATE, THEN EMIT. Listeners run user code that calls back in
// (getToken(), refresh(), status, dispose()), so no event is dispatched until every part of the state it
// describes holds its new value, and nothing after a dispatch assumes the state is still what it set.
// A run publishes its backoff wait (with its `wake`) before it reports the failure, and a run whose
// controller was aborted (dispose, a newer token, a sign-out) drops whatever it would still have done.
import { defaultBackoff } from './backoff.js';
import { isValidCookieName } from './cookie.js';
import { endpointOf, resolveEnvironment } from './environment.js';
import { SessionTokenError } from './errors.js';
import { SignedOutEvent, StatusChangeEvent, TokenErrorEvent, TokenUpdateEvent, type SignedOutDetail, type Status } from './events.js';
import { fetchToken } from './fetcher.js';
import { tokenRequest } from './request.js';
import { createAlarm } from './alarm.js';
import { createRefreshLock, LOCK_BUSY } from './lock.js';
import { nextStep, sleep } from './retry.js';
import type { GetTokenOptions, Session, SessionOptions } from './session-types.js';
import { verifierFor } from './signature-check.js';
import type { Trigger } from './signals.js';
import {
  answer, DEFAULT_TIMEOUT_MS, FETCHING, IDLE, nextWakeAt, statusChangesAt, statusOf,
  type Activity, type State, type Step,
} from './state.js';
import { createTabSync } from './tab-sync.js';
import type { Token } from './token.js';
import { createWaiters } from './waiters.js';
import { refreshAt, refreshThresholdMs, usableUntil, zoneOf } from './zones.js';

export type { Session, SessionOptions };

/** When another tab holds the refresh lock, look again after this long if its token has not arrived. */
const LOCK_BUSY_RECHECK_MS = 2_000;

export function createSession(options: SessionOptions): Session {
  const endpoint = endpointOf(options);
  const verify = options.verify ?? verifierFor(options.jwks);
  const { cookieName } = options;
  if (cookieName != null && !isValidCookieName(cookieName)) {
    throw new SessionTokenError('invalid-config', `cookie-name "${cookieName}" is not a valid cookie name`);
  }
  const { clock, signals, cookies, channel, locks, fetch, document } = resolveEnvironment(options);
  const request = tokenRequest(options, document);
  const thresholdMs = refreshThresholdMs(options.refreshThreshold);
  const schedule = options.backoff ?? defaultBackoff;
  const random = options.random ?? Math.random;
  const lock = createRefreshLock(`session-token:${endpoint}`, locks);
  const events = new EventTarget();
  const waiters = createWaiters(clock);
  const poller = createAlarm(clock, () => startRun());
  const statusTimer = createAlarm(clock, () => afterChange());

  let state: State = { held: { kind: 'empty' }, activity: IDLE, trouble: null };
  let reportedStatus: Status = 'loading';
  let disposed = false;

  const tabs = createTabSync({
    endpoint, clock, verify,
    factory: channel,
    askTimeoutMs: options.askTimeoutMs,
    held: () => heldToken(),
    adopt: (token) => adopt(token, 'broadcast'),
    signOut: () => signOut('broadcast'),
  });
  const unsubscribe = signals.subscribe(onTrigger);

  const now = () => clock.now();
  const heldToken = () => (state.held.kind === 'token' ? state.held.token : null);
  const usableToken = () => {
    const token = heldToken();
    return token && now() < usableUntil(token) ? token : null;
  };
  const mirrorCookie = (token: Token) => cookieName && cookies.write(cookieName, token.jws, (token.expiresAt - now()) / 1000);
  const emit = (event: Event) => events.dispatchEvent(event);

  /** Aborts the run under way, if any: it will change nothing and emit nothing. */
  function cancelRun(): void {
    if (state.activity.kind === 'running') state.activity.controller.abort(new SessionTokenError('aborted', 'the token request was aborted'));
  }

  /** After every transition: timers follow the state, and a changed status is announced (last). */
  function afterChange(): void {
    if (disposed) return;
    poller.set(nextWakeAt(state, signals.isVisible()));
    statusTimer.set(statusChangesAt(state, now()));
    const status = statusOf(state, now(), signals.isOnline());
    if (status === reportedStatus) return;
    reportedStatus = status;
    emit(new StatusChangeEvent({ status }));
  }

  function adopt(token: Token, source: 'fetch' | 'broadcast'): void {
    cancelRun();
    state = { held: { kind: 'token', token, refreshAt: refreshAt(token, thresholdMs, random()) }, activity: IDLE, trouble: null };
    mirrorCookie(token);
    waiters.resolve(token.jws);
    emit(new TokenUpdateEvent({ token: token.jws, claims: token.claims, expiresAt: token.expiresAt, source }));
    afterChange();
  }

  function signOut(reason: SignedOutDetail['reason']): void {
    const wasSignedOut = state.held.kind === 'signed-out';
    cancelRun();
    state = { held: { kind: 'signed-out' }, activity: IDLE, trouble: null };
    if (cookieName) cookies.remove(cookieName);
    waiters.resolve(null);
    if (reason === 'unauthorized') tabs.postSignOut();
    if (!wasSignedOut) emit(new SignedOutEvent({ reason }));
    afterChange();
  }

  /**
   * Records a failure and reports it. Waiting callers are told unless the run is only backing off (they
   * wait through quick retries); an idle activity means the failure is final (no retry on its own).
   */
  function fail(error: SessionTokenError, activity: Activity): void {
    const { trouble } = state;
    const final = activity.kind === 'idle';
    const failures = (trouble?.failures ?? 0) + (error.code === 'offline' ? 0 : 1);
    state = { ...state, activity, trouble: { error, since: trouble?.since ?? now(), failures, final } };
    if (activity.kind !== 'running' || activity.step.kind !== 'backing-off') waiters.reject(error);
    emit(new TokenErrorEvent({ error, willRetry: !final }));
    afterChange();
  }

  /** One attempt, under the cross-tab lock; a new tab first asks the others for their token. */
  function attempt(signal: AbortSignal): Promise<Token | typeof LOCK_BUSY> {
    const background = waiters.size === 0 && usableToken() !== null;
    return lock.run(
      async () => {
        if (!heldToken()) await tabs.askOnce();
        signal.throwIfAborted(); // an answer was adopted, which ended this run
        const fetched = await fetchToken({ endpoint, request, signal, clock, fetch, isOnline: signals.isOnline, timeoutMs: options.requestTimeoutMs });
        await verify?.(fetched.jws);
        signal.throwIfAborted();
        // Posted before the lock is released, so a tab that takes the lock next already has it.
        tabs.postToken(fetched);
        return fetched;
      },
      // A background refresh lets another tab's refresh stand in for it; a caller waiting does not.
      { ifAvailable: background, signal },
    );
  }

  /** The one refresh run: attempts and retries until a token, a sign-out, a refusal or a spent budget. */
  async function startRun(): Promise<void> {
    if (disposed || state.activity.kind === 'running') return;
    const controller = new AbortController();
    const { signal } = controller;
    // Every way of ending a run from outside (cancelRun) aborts `signal`, so `signal.aborted` means "not ours any more".
    const running = (step: Step): Activity => ({ kind: 'running', controller, step });
    state = { ...state, activity: running(FETCHING) };
    afterChange();
    for (;;) {
      try {
        const result = await attempt(signal);
        if (signal.aborted) return;
        if (result !== LOCK_BUSY) return adopt(result, 'fetch');
        state = { ...state, activity: { kind: 'lock-busy', until: now() + LOCK_BUSY_RECHECK_MS } };
        return afterChange();
      } catch (thrown) {
        if (signal.aborted) return;
        const error = thrown instanceof SessionTokenError ? thrown : new SessionTokenError('network', 'the token request failed', { cause: thrown });
        const next = nextStep(error, state.trouble?.failures ?? 0, schedule, signals.isOnline(), random);
        if (next.kind === 'sign-out') return signOut('unauthorized');
        if (next.kind === 'stop') return fail(error, IDLE);
        if (next.kind === 'cool-down') return fail(error, { kind: 'cooling-down', until: now() + next.delayMs });
        if (next.kind === 'wait-online') {
          fail(offline(error), running({ kind: 'waiting-online' }));
          await signals.whenOnline(signal).catch(() => {});
        } else {
          const wait = sleep(clock, next.delayMs, signal);
          fail(error, running({ kind: 'backing-off', until: now() + next.delayMs, wake: next.wakeable ? wait.wake : null }));
          await wait.done.catch(() => {});
        }
        if (signal.aborted) return; // dispose(), a newer token or a sign-out ended the run meanwhile
        state = { ...state, activity: running(FETCHING) };
      }
    }
  }

  /** Starts a run, or for an explicit refresh ends the current backoff wait (not one the server asked for). */
  function kick(explicit: boolean): void {
    const { activity } = state;
    if (activity.kind !== 'running') void startRun();
    else if (explicit && activity.step.kind === 'backing-off') activity.step.wake?.();
  }

  function getToken(request?: GetTokenOptions): Promise<string | null> {
    if (disposed) return Promise.reject(new SessionTokenError('aborted', 'the session was disposed'));
    const skipCache = request?.skipCache === true;
    const online = signals.isOnline();
    const decided = answer(state, now(), thresholdMs, skipCache, online);
    if (decided === 'serve-and-refresh') void startRun();
    if (decided === 'serve' || decided === 'serve-and-refresh') return Promise.resolve(heldToken()!.jws);
    if (decided === 'signed-out') return Promise.resolve(null);
    if (decided === 'reject') return Promise.reject(online ? state.trouble!.error : offline(state.trouble?.error));
    const waiting = waiters.wait(request?.timeout ?? DEFAULT_TIMEOUT_MS, () => state.trouble?.error ?? new SessionTokenError('timeout', 'no token came in time'));
    kick(skipCache);
    return waiting;
  }

  function onTrigger(trigger: Trigger): void {
    if (trigger === 'offline') return afterChange();
    const usable = usableToken();
    if (usable) mirrorCookie(usable);
    const held = heldToken();
    // The user is back (or the network is): worth trying now rather than at the end of a wait.
    if (held && zoneOf(held, now(), thresholdMs) === 'fresh') afterChange();
    else kick(true);
  }

  void startRun();

  return {
    endpoint,
    get token() {
      return usableToken()?.jws ?? null;
    },
    get claims() {
      return heldToken()?.claims ?? null;
    },
    get expiresAt() {
      return heldToken()?.expiresAt ?? null;
    },
    get status() {
      return statusOf(state, now(), signals.isOnline());
    },
    getToken,
    refresh: (request) => getToken({ ...request, skipCache: true }),
    addEventListener: (type, listener, opts) => events.addEventListener(type, listener as EventListener, opts),
    removeEventListener: (type, listener) => events.removeEventListener(type, listener as EventListener),
    dispose() {
      if (disposed) return;
      disposed = true;
      cancelRun();
      state = { ...state, activity: IDLE };
      waiters.reject(new SessionTokenError('aborted', 'the session was disposed'));
      poller.set(null);
      statusTimer.set(null);
      unsubscribe();
      tabs.close();
    },
  };
}

function offline(cause?: SessionTokenError): SessionTokenError {
  return cause?.code === 'offline' ? cause : new SessionTokenError('offline', 'the browser is offline', { cause });
}
