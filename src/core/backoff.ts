/**
 * The retry schedule. Pure: how long to wait after a failed refresh. Quick retries are for callers waiting
 * with no usable token (getToken() rides out a blip through them); a session nobody waits on is in no
 * hurry and keeps its refresh rhythm. Every retry that failing sessions make before the endpoint is back
 * adds a steady state's worth of load to what it meets when it is (see the README's "Why this retry
 * schedule"): 0.2's three quick retries after every failure made a 30 s blip end at 3.99× steady.
 */
export interface BackoffSchedule {
  /** ms before the first quick retry (never an immediate retry). */
  firstDelayMs: number;
  factor: number;
  /** Retries before the budget counts as spent (callers are then told at once, `status` is `error`). */
  maxRetries: number;
  /**
   * The random share of a quick retry's delay: 0 (none); 1 ("full": between 0 and the delay); 0.5
   * ("equal": between half of it and all of it); 0.25 (between three quarters of it and all of it).
   */
  jitter: number;
  /**
   * Bounds a wait with no hurry (and every wait once the budget is spent): the refresh interval when it lies
   * between half of this and all of it, else a point drawn there.
   */
  cooldownMs: number;
}

/**
 * While callers wait: quick retries 3 s, 4.65 s and 7.2 s after a failure (each drawn in the top quarter of
 * that). Every other wait: the token's refresh interval, within 30–60 s. Chosen with the herd simulation
 * (bench/herd).
 */
export const defaultBackoff: BackoffSchedule = { firstDelayMs: 3_000, factor: 1.55, maxRetries: 3, jitter: 0.25, cooldownMs: 60_000 };

/**
 * No wait is longer than this, whatever the server asks (`Retry-After`): 10 minutes is more than any
 * rate-limit window or restart asks for in practice, a session that waits longer looks dead to its user
 * (nothing, not even refresh(), cuts a wait the server asked for short), and `setTimeout` fires at once
 * past 2³¹−1 ms (24.8 days).
 */
export const MAX_RETRY_WAIT_MS = 10 * 60_000;

/** What the delay depends on, read from the session at the failure. */
export interface RetryCase {
  /** Retryable failures since the last token before this one (0: this is the first). */
  readonly retry: number;
  /** getToken() callers are waiting for a token (so none is usable). */
  readonly callersWaiting: boolean;
  /**
   * How long the poller let the held token run before refreshing it (its refreshAt − localIat), even if it
   * has lapsed since; 0 when the session never held one.
   */
  readonly refreshIntervalMs: number;
  /** What the server asked for (`Retry-After`), 0 when nothing. */
  readonly retryAfterMs?: number;
}

/** True once `retries` retries have been made: from then on callers are told at once. */
export const budgetSpent = (schedule: BackoffSchedule, retries: number) => retries >= schedule.maxRetries;

/** True when the delay for `situation` is a quick retry (callers waiting, budget left). */
export const isQuick = (schedule: BackoffSchedule, situation: RetryCase) => situation.callersWaiting && !budgetSpent(schedule, situation.retry);

const bounded = (ms: number) => (ms > 0 ? Math.min(ms, MAX_RETRY_WAIT_MS) : 0); // NaN and negatives: 0

/**
 * The delay before the next attempt. Quick while callers wait and the budget lasts. Otherwise the session
 * is in no hurry: it tries again when its next refresh would have come (the held token's refresh interval)
 * if that falls within the cool-down (half of it to all of it), else at a point drawn there. Sessions that
 * fail during an outage so keep the rhythm they had, and the endpoint sees no more than its steady load
 * when it is back. `Retry-After` wins when longer; nothing passes MAX_RETRY_WAIT_MS. `random` returns a number
 * in [0, 1) (injected so simulations can seed it).
 */
export function nextDelay(schedule: BackoffSchedule, situation: RetryCase, random: () => number = Math.random): number {
  const { cooldownMs } = schedule;
  const rhythm = situation.refreshIntervalMs;
  const [share, delay] = isQuick(schedule, situation)
    ? [schedule.jitter, schedule.firstDelayMs * schedule.factor ** situation.retry]
    : rhythm >= cooldownMs / 2 && rhythm <= cooldownMs
      ? [0, rhythm] // the per-token draw of refreshAt already sets sessions apart: no jitter to shorten it
      : [0.5, cooldownMs];
  // The fixed share of `delay` plus a uniform random part of the rest; no call to random() without jitter.
  const drawn = share ? delay * (1 - share * (1 - random())) : delay;
  return Math.round(Math.min(Math.max(drawn, bounded(situation.retryAfterMs ?? 0)), MAX_RETRY_WAIT_MS));
}

/**
 * The delay before retry `retry` for a session with callers waiting (the quick schedule, then cool-downs):
 * what nextDelay() gives when nothing better is known.
 */
export const retryDelay = (schedule: BackoffSchedule, retry: number, retryAfterMs = 0, random: () => number = Math.random) =>
  nextDelay(schedule, { retry, callersWaiting: true, refreshIntervalMs: 0, retryAfterMs }, random);

/**
 * Parses a `Retry-After` header (delay-seconds or an HTTP date) into ms from `now`, at most MAX_RETRY_WAIT_MS;
 * 0 when absent, unparsable, negative or in the past (the schedule's own delay then applies).
 */
export function parseRetryAfter(header: string | null, now: number): number {
  const trimmed = header?.trim();
  if (!trimmed) return 0;
  // Number('99999999999999999999') is 1e20: finite, so the cap, not NaN, is what bounds it. A date starts
  // with its day's name in all three HTTP-date forms; Date.parse alone reads '-5' or '1.5' as a date in 2001.
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : /^[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) - now : 0;
  return bounded(ms);
}
