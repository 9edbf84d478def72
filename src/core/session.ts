import { defaultBackoff } from './backoff.js';
import { systemClock, type TimerId } from './clock.js';
import { documentCookieJar, isValidCookieName } from './cookie.js';
import { SessionTokenError } from './errors.js';
import {
  SignedOutEvent, StatusChangeEvent, TokenErrorEvent, TokenUpdateEvent,
  type SignedOutDetail, type Status,
} from './events.js';
import { fetchToken } from './fetcher.js';
import { createRefreshLock, LOCK_BUSY } from './lock.js';
import { createPoller } from './poller.js';
import { retry, type AfterFailure } from './retry.js';
import { createBrowserSignals, type Trigger } from './signals.js';
import { resolveEndpoint } from './endpoint.js';
import { createTabSync } from './tab-sync.js';
import type { Token } from './token.js';
import { verifierFor } from './verifier.js';
import { createWaiters } from './waiters.js';
import { nextRefreshAt, refreshThresholdMs, usableUntil, zoneOf } from './zones.js';
import type { Session, SessionOptions } from './session-types.js';

export type { Session, SessionOptions };

/** What the refresh machinery is doing right now. */
type Phase = 'idle' | 'fetching' | AfterFailure;
type RunKind = 'poll' | 'background' | 'needed';

export const COOLDOWN_MS = 5 * 60_000;
/** When another tab holds the refresh lock, look again after this long if its token has not arrived. */
const LOCK_BUSY_RECHECK_MS = 2_000;

export function createSession(options: SessionOptions): Session {
  const endpoint = resolveEndpoint(options.endpoint, options.baseUrl, options.allowCrossOrigin);
  const verify = options.verify ?? verifierFor(options.jwks);
  const { cookieName } = options;
  if (cookieName != null && !isValidCookieName(cookieName)) {
    throw new SessionTokenError('invalid-config', `cookie-name "${cookieName}" is not a valid cookie name`);
  }
  const clock = options.clock ?? systemClock;
  const signals = options.signals ?? createBrowserSignals();
  const cookies = options.cookies ?? documentCookieJar();
  const thresholdMs = refreshThresholdMs(options.refreshThreshold);
  const cooldownMs = options.cooldownMs ?? COOLDOWN_MS;
  const lock = createRefreshLock(`session-token:${endpoint}`, options.locks);
  const tabs = createTabSync({
    endpoint,
    factory: options.channel,
    clock,
    verify,
    askTimeoutMs: options.askTimeoutMs,
    held: () => token,
    adopt: (next) => adopt(next, 'broadcast'),
    signOut: () => signedOut || signOut('broadcast'),
  });
  const events = new EventTarget();

  let token: Token | null = null;
  let signedOut = false;
  let phase: Phase = 'idle';
  let lastError: SessionTokenError | null = null;
  /** The poller does not start a new run before this (cool-down after a spent budget, or another tab refreshing). */
  let notBefore = 0;
  let run: Promise<void> | null = null;
  let runController: AbortController | null = null;
  /** Ends a backoff wait early; set while the run sleeps between retries. */
  let wakeRetry: (() => void) | null = null;
  let statusTimer: TimerId | undefined;
  let reportedStatus: Status = 'loading';
  let disposed = false;
  const waiters = createWaiters<string | null, SessionTokenError>();

  const poller = createPoller({ clock, nextCheckAt, check: () => startRun('poll') });
  const unsubscribe = signals.subscribe(onTrigger);

  const usable = (held: Token) => clock.now() < usableUntil(held);
  const mirrorCookie = (held: Token) => cookieName && cookies.write(cookieName, held.jws, (held.expiresAt - clock.now()) / 1000);

  function nextCheckAt(): number | null {
    if (disposed || signedOut || run) return null;
    return nextRefreshAt(token, thresholdMs, notBefore, signals.isVisible());
  }

  function currentStatus(): Status {
    if (signedOut) return 'signed-out';
    if (token && usable(token)) return 'signed-in';
    if (phase === 'waiting-online' || lastError?.code === 'offline') return 'offline';
    return lastError ? 'error' : 'loading';
  }

  function updateStatus() {
    const status = currentStatus();
    if (status !== reportedStatus) {
      reportedStatus = status;
      events.dispatchEvent(new StatusChangeEvent({ status }));
    }
  }

  function adopt(next: Token, source: 'fetch' | 'broadcast') {
    token = next;
    signedOut = false;
    lastError = null;
    notBefore = 0;
    mirrorCookie(next);
    waiters.settle((waiter) => waiter.resolve(next.jws));
    events.dispatchEvent(new TokenUpdateEvent({ token: next.jws, claims: next.claims, expiresAt: next.expiresAt, source }));
    if (statusTimer !== undefined) clock.clearTimeout(statusTimer);
    statusTimer = clock.setTimeout(updateStatus, usableUntil(next) - clock.now());
    poller.schedule();
    updateStatus();
  }

  function signOut(reason: SignedOutDetail['reason']) {
    const wasSignedOut = signedOut;
    token = null;
    signedOut = true;
    lastError = null;
    if (cookieName) cookies.remove(cookieName);
    waiters.settle((waiter) => waiter.resolve(null));
    if (reason === 'unauthorized') tabs.postSignOut();
    if (!wasSignedOut) events.dispatchEvent(new SignedOutEvent({ reason }));
    poller.schedule();
    updateStatus();
  }

  function reportFailure(error: SessionTokenError, next: AfterFailure) {
    lastError = error;
    phase = next;
    waiters.settle((waiter) => waiter.reject(error));
    events.dispatchEvent(new TokenErrorEvent({ error, willRetry: next !== 'giving-up' }));
    updateStatus();
  }

  /** One attempt, under the cross-tab lock: another tab's token may make the fetch unnecessary. */
  async function attempt(kind: RunKind, startedWith: Token | null, signal: AbortSignal) {
    return lock.run(
      async () => {
        if (token && token !== startedWith && zoneOf(token, clock.now(), thresholdMs) === 'fresh') return token;
        if (!token) {
          await tabs.askOnce();
          if (token) return token;
        }
        const fetched = await fetchToken({
          endpoint,
          signal,
          clock,
          fetch: options.fetch ?? globalThis.fetch,
          isOnline: () => signals.isOnline(),
          timeoutMs: options.requestTimeoutMs,
        });
        await verify?.(fetched.jws);
        // Posted before the lock is released, so a tab that takes the lock next already has it.
        tabs.postToken(fetched);
        return fetched;
      },
      { ifAvailable: kind === 'poll' && waiters.size === 0, signal },
    );
  }

  /** Starts the one refresh run (deduplicated): retries until a token, a sign-out, or a spent budget. */
  function startRun(kind: RunKind): Promise<void> {
    if (run || disposed) return run ?? Promise.resolve();
    const startedWith = token;
    const controller = (runController = new AbortController());
    run = (async () => {
      try {
        const result = await retry({
          attempt: (signal) => attempt(kind, startedWith, signal),
          schedule: options.backoff ?? defaultBackoff,
          clock,
          signal: controller.signal,
          network: signals,
          random: options.random,
          onAttempt: () => (phase = 'fetching'),
          onFailure: reportFailure,
          onWakeable: (wake) => (wakeRetry = wake),
        });
        if (result === LOCK_BUSY) notBefore = clock.now() + LOCK_BUSY_RECHECK_MS;
        else if (result !== token) adopt(result, 'fetch');
      } catch (thrown) {
        const error = thrown as SessionTokenError;
        if (error.code === 'unauthorized') signOut('unauthorized');
        else if (error.code !== 'aborted') notBefore = clock.now() + cooldownMs;
        // 'aborted': dispose() or removal; an aborted fetch changes no state and emits nothing.
      } finally {
        run = null;
        runController = null;
        phase = 'idle';
        if (!disposed) {
          poller.schedule();
          updateStatus();
          // Callers that joined a run that ended without an answer for them (another tab was refreshing).
          if (waiters.size > 0) void startRun('needed');
        }
      }
    })();
    return run;
  }

  /**
   * Joins the run's next attempt. While the run waits for the network, or sleeps between retries, a plain
   * caller gets the last error at once instead of waiting up to a backoff step; an explicit refresh()
   * ends the backoff wait (not one the server asked for) and waits for that attempt.
   */
  function waitForToken(force: boolean): Promise<string | null> {
    if (phase === 'waiting-online' || (phase === 'backing-off' && !force)) return Promise.reject(lastError);
    return new Promise((resolve, reject) => {
      waiters.add({ resolve, reject });
      if (phase === 'backing-off') wakeRetry?.();
      else void startRun('needed');
    });
  }

  function getToken(options?: { skipCache?: boolean }): Promise<string | null> {
    if (disposed) return Promise.reject(new SessionTokenError('aborted', 'the session was disposed'));
    const skipCache = options?.skipCache === true;
    if (!skipCache) {
      if (token) {
        const zone = zoneOf(token, clock.now(), thresholdMs);
        if (zone === 'fresh') return Promise.resolve(token.jws);
        if (zone === 'stale') {
          void startRun('background');
          return Promise.resolve(token.jws);
        }
      } else if (signedOut) {
        return Promise.resolve(null);
      }
      // A spent budget waits for its cool-down, a trigger or an explicit refresh(), not for every caller.
      if (lastError && !run && clock.now() < notBefore) return Promise.reject(lastError);
    }
    return waitForToken(skipCache);
  }

  function onTrigger(trigger: Trigger) {
    if (trigger === 'offline') return updateStatus();
    if (token && usable(token)) mirrorCookie(token);
    if (token && zoneOf(token, clock.now(), thresholdMs) === 'fresh') return poller.schedule();
    // The user is back (or the network is): worth trying now rather than at the end of a backoff step.
    if (wakeRetry) wakeRetry();
    else void startRun('background');
  }

  void startRun('needed');

  return {
    endpoint,
    get token() {
      return token && usable(token) ? token.jws : null;
    },
    get claims() {
      return token?.claims ?? null;
    },
    get expiresAt() {
      return token?.expiresAt ?? null;
    },
    get status() {
      return currentStatus();
    },
    getToken,
    refresh: () => getToken({ skipCache: true }),
    addEventListener: (type, listener, opts) => events.addEventListener(type, listener as EventListener, opts),
    removeEventListener: (type, listener) => events.removeEventListener(type, listener as EventListener),
    dispose() {
      if (disposed) return;
      disposed = true;
      const aborted = new SessionTokenError('aborted', 'the session was disposed');
      runController?.abort(aborted);
      waiters.settle((waiter) => waiter.reject(aborted));
      poller.stop();
      if (statusTimer !== undefined) clock.clearTimeout(statusTimer);
      unsubscribe();
      tabs.close();
    },
  };
}
