// createSession(): the one stateful hub. Its state is one `State` value (state.ts); the decisions are
// pure functions of it; this file holds the wiring and the effects.
//
// The rule everywhere: COMMIT THE STATE, THEN EMIT. Listeners run user code that calls back in
// (getToken(), refresh(), status, dispose()), so no event is dispatched until every part of the state it
// describes holds its new value, and nothing after a dispatch assumes the state is still what it set.
// A run publishes its backoff wait (with its `wake`) before it reports the failure, and a run whose
// controller was aborted (dispose, a newer token, a sign-out, the page entering the back/forward cache)
// drops whatever it would still have done.
import { apiOrigins, createAuthorizedFetch } from './authorized-fetch.js';
import { defaultBackoff } from './backoff.js';
import { endpointOf, pageOrigin, resolveEnvironment } from './environment.js';
import { disposed as disposedError, offline, SessionTokenError } from './errors.js';
import { SignedOutEvent, StatusChangeEvent, TokenErrorEvent, TokenUpdateEvent, type SignedOutDetail, type Status, type TokenUpdateDetail } from './events.js';
import { attempt, type AttemptOptions } from './attempt.js';
import { tokenRequest } from './request.js';
import { createAlarm } from './alarm.js';
import { createRefreshLock } from './lock.js';
import { createNotices, guardMirror } from './notices.js';
import { createPresence } from './presence.js';
import { nextStep, waitStep } from './retry.js';
import type { GetTokenOptions, Session, SessionOptions } from './session-types.js';
import { verifierFor } from './signature-check.js';
import type { Trigger } from './signals.js';
import { accepts, answer, DEFAULT_TIMEOUT_MS, FETCHING, IDLE, nextWakeAt, retryCase, signsOut, statusChangesAt, statusOf, type Activity, type State, type Step } from './state.js';
import { createCookieMirror, pageToken } from './page-token.js';
import { createTabSync } from './tab-sync.js';
import type { Token } from './token.js';
import { createWaiters } from './waiters.js';
import { refreshAt, refreshThresholdMs, usableUntil, zoneOf } from './zones.js';

export type { Session, SessionOptions };

/** When another tab holds the refresh lock, look again after this long if its token has not arrived. */
const LOCK_BUSY_RECHECK_MS = 2_000;
/** A page still here this long after `beforeunload` did not leave (a cancelled or download navigation). */
const LEAVE_GRACE_MS = 1_000;

export function createSession(options: SessionOptions): Session {
  const endpoint = endpointOf(options);
  const verify = options.verify ?? verifierFor(options.jwks);
  const { clock, signals, cookies, channel, locks, fetch, document, pageStart } = resolveEnvironment(options);
  const events = new EventTarget();
  const emit = (event: Event) => events.dispatchEvent(event);
  // Reported a task later: never from inside a getter or getToken(), and after the caller attached its listeners.
  const notice = createNotices((error) => queueMicrotask(() => disposed || emit(new TokenErrorEvent({ error, willRetry: false }))));
  const mirror = guardMirror(createCookieMirror(cookies, options.cookieName, clock), notice('cookie-name'));
  const request = tokenRequest(options, document);
  const origins = [pageOrigin(), ...apiOrigins(options.apiOrigins)];
  const thresholdMs = refreshThresholdMs(options.refreshThreshold);
  const schedule = options.backoff ?? defaultBackoff;
  const random = options.random ?? Math.random;
  const lock = createRefreshLock(`session-token:${endpoint}`, locks, clock, notice('Web Locks'));
  const presence = createPresence(endpoint, locks);
  const waiters = createWaiters(clock);
  // One timer: the poller's wake-up or the next status change by time alone, whichever comes first.
  const alarm = createAlarm(clock, () => (nextWakeAt(state, signals.isVisible()) <= now() ? startRun() : afterChange()));

  let state: State = { held: { kind: 'empty' }, activity: IDLE, trouble: null };
  let reportedStatus: Status = 'loading';
  let disposed = false;

  const tabs = createTabSync({
    endpoint, clock, factory: channel, unavailable: notice('BroadcastChannel'),
    offer: (token) => offer(token, 'broadcast'),
    signOut: (sentAt) => signOut('broadcast', sentAt),
    // A new tab asks: the token this tab holds, if it may be handed out.
    ask: () => usableToken() && tabs.postToken(heldToken()!),
  });
  const unsubscribe = signals.subscribe(onTrigger);
  /** When the run's last request was sent: a sign-out it brings is ordered by it. */
  let sentAt = 0;
  const attemptOptions: AttemptOptions = {
    clock, presence, tabs, verify,
    request: { endpoint, request, clock, fetch, isOnline: signals.isOnline, timeoutMs: options.requestTimeoutMs },
    held: () => heldToken(),
    usable: (token) => !!usableToken(token),
    adopt: (token) => adopt(token, 'fetch'),
    sending: (at) => void (sentAt = at),
  };

  const now = () => clock.now();
  const heldToken = () => (state.held.kind === 'token' ? state.held.token : null);
  const usableToken = (token = heldToken()) => (token && now() < usableUntil(token) ? token : null);

  /** Aborts the run under way, if any (it will change nothing and emit nothing), leaving nothing under way. */
  const cancelRun = () => {
    if (state.activity.kind === 'running') state.activity.controller.abort();
    state = { ...state, activity: IDLE };
  };

  /** After every transition: timers follow the state, and a changed status is announced (last). */
  function afterChange(): void {
    if (disposed) return;
    alarm.set(Math.min(nextWakeAt(state, signals.isVisible()), statusChangesAt(state, now())));
    const status = statusOf(state, now(), signals.isOnline());
    if (status === reportedStatus) return;
    reportedStatus = status;
    emit(new StatusChangeEvent({ status }));
  }

  /** Resolves once other tabs can see that this tab holds the token (see presence.ts). */
  function adopt(token: Token, source: TokenUpdateDetail['source']): Promise<void> {
    cancelRun();
    state = { held: { kind: 'token', token, refreshAt: refreshAt(token, thresholdMs, random()) }, activity: IDLE, trouble: null };
    mirror?.write(token);
    const shown = presence.show(token);
    waiters.resolve(token.jws);
    emit(new TokenUpdateEvent({ token: token.jws, claims: token.claims, expiresAt: token.expiresAt, source }));
    afterChange();
    // A token that is already stale (another page's or tab's, an old server-rendered one) is refreshed at once.
    if (heldToken() === token && zoneOf(token, now(), thresholdMs) === 'stale') void startRun();
    return shown;
  }

  /**
   * A token from elsewhere (another tab, the page, the mirrored cookie): adopted when it is usable and may
   * replace the held one, once its signature verifies (with `jwks`). Synchronous without `jwks`, so a
   * page's first getToken() is answered from it.
   */
  function offer(token: Token, source: TokenUpdateDetail['source']): boolean | Promise<boolean> {
    const acceptable = () => !disposed && now() < usableUntil(token) && accepts(state.held, token);
    const take = () => acceptable() && (adopt(token, source), true);
    if (!acceptable()) return false;
    return verify ? verify(token.jws).then(take, () => false) : take();
  }

  /** The endpoint answered a request sent at `sentAt` (here or in another tab) with a sign-out. */
  function signOut(reason: SignedOutDetail['reason'], sentAt: number): void {
    const { held } = state;
    if (!signsOut(held, sentAt)) return; // a token asked for after that request is held: the sign-out is old news
    cancelRun();
    state = { held: { kind: 'signed-out', at: Math.max(sentAt, held.kind === 'signed-out' ? held.at : sentAt) }, activity: IDLE, trouble: null };
    presence.hide();
    mirror?.clear();
    waiters.resolve(null);
    if (reason === 'unauthorized') tabs.postSignOut(sentAt);
    if (held.kind !== 'signed-out') emit(new SignedOutEvent({ reason }));
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
        // With a usable token and nobody waiting, another tab's refresh stands in for this one.
        await lock.run(() => attempt(attemptOptions, signal), { ifAvailable: waiters.size === 0 && usableToken() !== null, signal });
        if (signal.aborted) return;
        state = { ...state, activity: { kind: 'lock-busy', until: now() + LOCK_BUSY_RECHECK_MS } };
        return afterChange();
      } catch (thrown) {
        if (signal.aborted) return;
        // Anything else was thrown while the request was built: the headers function, or the page refused
        // (Web Locks in a sandboxed frame). Retrying would not help: report it as configuration.
        const error = thrown instanceof SessionTokenError ? thrown : new SessionTokenError('invalid-config', 'the token request could not be made', { cause: thrown });
        const next = nextStep(error, retryCase(state, waiters.size > 0), schedule, signals.isOnline(), random);
        if (next.kind === 'sign-out') return signOut('unauthorized', sentAt);
        if (next.kind === 'stop') return fail(error, IDLE);
        if (next.kind === 'cool-down') return fail(error, { kind: 'cooling-down', until: now() + next.delayMs });
        // The wait exists, with its wake, before the failure is reported: a listener's refresh() can end it.
        const wait = waitStep(next, clock, signal);
        fail(next.kind === 'back-off' ? error : offline(error), running(wait.step));
        await wait.done;
        if (signal.aborted) return; // dispose(), a newer token or a sign-out ended the run meanwhile
        state = { ...state, activity: running(FETCHING) };
      }
    }
  }

  /**
   * Starts a run; or ends the run's current wait now for an explicit refresh or a trigger (not a wait the
   * server asked for), and at the quick retry's moment (never before the server's) for a caller who came
   * during a wait chosen with nobody waiting.
   */
  function kick(explicit: boolean): void {
    const { activity } = state;
    if (activity.kind !== 'running') void startRun();
    else if (activity.step.kind !== 'fetching') ((explicit && activity.step.wake) || (activity.step.kind === 'backing-off' ? activity.step.hurry : null))?.();
  }

  function getToken(request?: GetTokenOptions): Promise<string | null> {
    if (disposed) return Promise.reject(disposedError());
    const timeout = request?.timeout ?? DEFAULT_TIMEOUT_MS;
    if (!(timeout >= 0)) return Promise.reject(new SessionTokenError('invalid-config', 'timeout: give ms, or Infinity'));
    start?.();
    const skipCache = request?.skipCache === true;
    const decided = answer(state, now(), thresholdMs, skipCache, signals.isOnline);
    if (decided === 'serve-and-refresh') void startRun();
    if (decided === 'serve' || decided === 'serve-and-refresh') return Promise.resolve(heldToken()!.jws);
    if (decided === 'signed-out') return Promise.resolve(null);
    if (decided === 'reject') return Promise.reject(signals.isOnline() ? state.trouble!.error : offline(state.trouble?.error));
    const waiting = waiters.wait(timeout, () => state.trouble?.error ?? new SessionTokenError('timeout', 'no token came in time'));
    kick(skipCache);
    return waiting;
  }

  /** Shows the held token to other tabs again, if it may still be handed out. */
  const showPresence = () => {
    const held = usableToken();
    if (held && !disposed) void presence.show(held);
  };

  function onTrigger(trigger: Trigger): void {
    if (trigger === 'leave') {
      // Firefox decides whether a page may enter the back/forward cache before pagehide, and a held Web
      // Lock keeps it out: the presence lock goes as the page starts to leave, and comes back if it stayed.
      presence.hide();
      return void clock.setTimeout(showPresence, LEAVE_GRACE_MS);
    }
    if (trigger === 'hide') {
      // Entering the back/forward cache: hold nothing that would evict the page (a channel that other
      // pages post to, a lock another page waits for, a request in flight).
      tabs.pause();
      presence.hide();
      return cancelRun();
    }
    let ask = false;
    if (trigger === 'restore') {
      tabs.resume();
      showPresence();
      // Pages visited since may have mirrored a newer token; a cookie that no longer holds this page's
      // token (cleared by a sign-out, another user's) means the endpoint must be asked.
      const mirrored = mirror?.read();
      if (mirrored) void offer(mirrored, 'cookie');
      ask = !!mirror && mirrored?.jws !== heldToken()?.jws;
    }
    // Offline (or going offline) there is nothing to try: only the status may change.
    if (!signals.isOnline()) return afterChange();
    const held = heldToken();
    // The user (or the network) is back: try now rather than at the end of a wait, even with a fresh token.
    if (!ask && held && zoneOf(held, now(), thresholdMs) === 'fresh' && state.activity.kind !== 'running') afterChange();
    else kick(true);
  }

  /**
   * The session's start: a page token (server-rendered, else the mirrored cookie) spares the first
   * request; without one, the first run starts. It happens at the first look at the session (a caller
   * gets the page token at once) or a microtask after createSession() returns, so whoever made the
   * session has attached its listeners before the first event.
   */
  let start: (() => void) | null = () => {
    start = null;
    const page = pageToken(options.initialToken, pageStart, mirror, now());
    const seeded = page ? offer(...page) : false;
    if (seeded === false) void startRun();
    else if (seeded !== true) void seeded.then((adopted) => void (adopted || startRun()));
  };
  queueMicrotask(() => start?.());

  return {
    endpoint,
    get token() { start?.(); return usableToken()?.jws ?? null; },
    get claims() { return heldToken()?.claims ?? null; },
    get expiresAt() { return heldToken()?.expiresAt ?? null; },
    get status() { start?.(); return statusOf(state, now(), signals.isOnline()); },
    getToken,
    refresh: (request) => getToken({ ...request, skipCache: true }),
    fetch: createAuthorizedFetch({ getToken, refresh: () => getToken({ skipCache: true }), fetch, origins }),
    addEventListener: (type, listener, opts) => events.addEventListener(type, listener as EventListener, opts),
    removeEventListener: (type, listener) => events.removeEventListener(type, listener as EventListener),
    dispose() {
      if (disposed) return;
      disposed = true;
      cancelRun();
      waiters.reject(disposedError());
      alarm.set(Infinity);
      unsubscribe();
      tabs.pause();
      presence.hide();
    },
  };
}
