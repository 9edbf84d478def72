// A session's whole state, declared once, and the decisions read from it. Pure functions over plain
// values: what getToken() answers, what `status` is, when the poller and the status timer wake. The
// unions make the impossible combinations unwritable (a signed-out session holding a token, a backoff
// wait with no run, a run nobody can abort).
import type { SessionTokenError } from './errors.js';
import type { Status } from './events.js';
import type { RetryCase } from './backoff.js';
import { replaces, type Token } from './token.js';
import { usableUntil, zoneOf } from './zones.js';

/** What the session holds. */
export type Held =
  | { readonly kind: 'empty' }
  /** `refreshAt`: when the poller refreshes it (drawn once, when the token was adopted). */
  | { readonly kind: 'token'; readonly token: Token; readonly refreshAt: number }
  /** `at`: when the request that the endpoint answered with a sign-out was sent, on the local clock. */
  | { readonly kind: 'signed-out'; readonly at: number };

/** Where a refresh run is. */
export type Step =
  | { readonly kind: 'fetching' }
  /**
   * `wake` ends the wait early (focus, refresh()); null for a wait the server asked for (Retry-After).
   * `hurry` brings a wait chosen with nobody waiting down to the quick retry, for a caller who comes.
   */
  | { readonly kind: 'backing-off'; readonly wake: (() => void) | null; readonly hurry: (() => void) | null }
  /** Offline: `wake` is called when the browser is back online (or on refresh()). */
  | { readonly kind: 'waiting-online'; readonly wake: () => void };

/** What the refresh machinery is doing. */
export type Activity =
  | { readonly kind: 'idle' }
  /** One run at a time; aborting its controller drops whatever it would still have done. */
  | { readonly kind: 'running'; readonly controller: AbortController; readonly step: Step }
  /**
   * The quick retries are spent: the next attempt is at `until`; a trigger or refresh() may start it sooner
   * (a wait the server asked for with Retry-After is a backing-off step instead, which nothing cuts short).
   */
  | { readonly kind: 'cooling-down'; readonly until: number }
  /** Another tab holds the refresh lock: its token is on its way; look again at `until`. */
  | { readonly kind: 'lock-busy'; readonly until: number };

/** The failures since the last token or sign-out. */
export interface Trouble {
  readonly error: SessionTokenError;
  /** When the first of them happened. */
  readonly since: number;
  /** Retryable failures so far (offline spells do not count): the index into the backoff schedule. */
  readonly failures: number;
  /** The endpoint refused (or the options are wrong): no retry until refresh() or a trigger. */
  readonly final: boolean;
}

export interface State {
  readonly held: Held;
  readonly activity: Activity;
  readonly trouble: Trouble | null;
}

export const IDLE: Activity = { kind: 'idle' };

/**
 * Whether `token` may replace what is held. Tokens and sign-outs are ordered by when their request was
 * sent: after a sign-out only a token asked for later counts (a late response or another tab's late
 * broadcast never brings the session back); while a token is held, only a newer one of the same session.
 */
export const accepts = (held: Held, token: Token) =>
  held.kind === 'signed-out' ? token.localIat > held.at : replaces(token, held.kind === 'token' ? held.token : null);

/** Whether a sign-out learnt from a request sent at `sentAt` ends what is held: not a token asked for later. */
export const signsOut = (held: Held, sentAt: number) => held.kind !== 'token' || held.token.localIat <= sentAt;
export const FETCHING: Step = { kind: 'fetching' };

/** How long failures last before `status` says `error`: the default `getToken()` timeout. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** A hidden tab lets a visible one refresh first: its timers are throttled, and it would only duplicate the work. */
export const HIDDEN_TAB_DELAY_MS = 3_000;

/**
 * What getToken() does now: serve the held token (and maybe start a background refresh), resolve null,
 * reject with the trouble at once (refused, quick retries spent, offline), or wait for the run.
 */
export type Answer = 'serve' | 'serve-and-refresh' | 'signed-out' | 'reject' | 'wait';

/** `online` is asked only when the answer depends on it: reading navigator.onLine costs more than a cache hit. */
export function answer(state: State, now: number, thresholdMs: number, skipCache: boolean, online: () => boolean): Answer {
  const { held, activity, trouble } = state;
  if (!skipCache) {
    if (held.kind === 'token') {
      const zone = zoneOf(held.token, now, thresholdMs);
      // A stale token starts a refresh only when nothing is under way: not during a cool-down (callers
      // must not undo it), not while another tab refreshes, not after a refusal (until a trigger).
      if (zone === 'fresh' || (zone === 'stale' && (activity.kind !== 'idle' || trouble?.final))) return 'serve';
      if (zone === 'stale') return 'serve-and-refresh';
    }
    if (held.kind === 'signed-out') return 'signed-out';
    if (trouble && (trouble.final || activity.kind === 'cooling-down')) return 'reject';
  }
  return online() ? 'wait' : 'reject';
}

export function statusOf(state: State, now: number, online: boolean): Status {
  const { held, activity, trouble } = state;
  if (held.kind === 'signed-out') return 'signed-out';
  if (held.kind === 'token' && now < usableUntil(held.token)) return 'signed-in';
  if (!online) return 'offline';
  if (trouble && (trouble.final || activity.kind === 'cooling-down' || now - trouble.since >= DEFAULT_TIMEOUT_MS)) return 'error';
  return 'loading';
}

/** The next moment `statusOf` changes by the passing of time alone (Infinity: never). */
export function statusChangesAt(state: State, now: number): number {
  const { held, trouble } = state;
  const moments = [held.kind === 'token' ? usableUntil(held.token) : 0, trouble ? trouble.since + DEFAULT_TIMEOUT_MS : 0];
  return Math.min(...moments.filter((at) => at > now));
}

/**
 * The poller's next wake-up: when the held token is due for a refresh, or when a cool-down or another
 * tab's lock ends; a little later in a hidden tab. Never while a run is under way (the poller is
 * sequential), after a sign-out or a refusal, and with nothing to refresh: Infinity.
 */
export function nextWakeAt(state: State, visible: boolean): number {
  const { held, activity, trouble } = state;
  if (held.kind === 'signed-out' || trouble?.final || activity.kind === 'running') return Infinity;
  const at = activity.kind !== 'idle' ? activity.until : held.kind === 'token' ? held.refreshAt : Infinity;
  return at + (visible ? 0 : HIDDEN_TAB_DELAY_MS);
}

/**
 * What the next retry's delay depends on (backoff.ts): the failures so far; whether callers wait (a page
 * that never held a token counts as waited on: its slots show nothing until the first answer); the held
 * token's refresh interval, kept even once it lapsed, so the session keeps the rhythm its refreshes had.
 */
export function retryCase({ held, trouble }: State, callersWaiting: boolean): RetryCase {
  return {
    retry: trouble?.failures ?? 0,
    callersWaiting: callersWaiting || held.kind === 'empty',
    refreshIntervalMs: held.kind === 'token' ? held.refreshAt - held.token.localIat : 0,
  };
}
