/**
 * The retry schedule. Pure: the delay before retry number `retry` (0-based). A few quick retries ride out
 * a blip; once they are spent, one attempt per cool-down for as long as the endpoint keeps failing.
 */
export interface BackoffSchedule {
  /** ms before the first retry (never an immediate retry). */
  firstDelayMs: number;
  factor: number;
  /** Quick retries; after them the budget counts as spent (callers are told at once, `status` is `error`). */
  maxRetries: number;
  /**
   * The random share of a quick retry's delay: 0 (none); 1 ("full": between 0 and the delay); 0.5
   * ("equal": between half of it and all of it); 0.25 (between three quarters of it and all of it).
   */
  jitter: number;
  /** After the quick retries: one attempt every cool-down, drawn between half of it and all of it. */
  cooldownMs: number;
}

/**
 * 3 s, 4.65 s, 7.2 s (each drawn in the top quarter of that), then one attempt every 30–60 s until the
 * endpoint answers. Chosen with the herd simulation (bench/herd): see the README's "Why this retry schedule".
 */
export const defaultBackoff: BackoffSchedule = { firstDelayMs: 3_000, factor: 1.55, maxRetries: 3, jitter: 0.25, cooldownMs: 60_000 };

/** True once `retries` quick retries have been made. */
export const budgetSpent = (schedule: BackoffSchedule, retries: number) => retries >= schedule.maxRetries;

/**
 * Delay before retry `retry`. `retryAfterMs` from the server wins when longer. `random` returns a number
 * in [0, 1) (injected so simulations can seed it).
 */
export function retryDelay(schedule: BackoffSchedule, retry: number, retryAfterMs = 0, random: () => number = Math.random): number {
  const [share, delay] = budgetSpent(schedule, retry) ? [0.5, schedule.cooldownMs] : [schedule.jitter, schedule.firstDelayMs * schedule.factor ** retry];
  // The fixed share of `delay` plus a uniform random part of the rest; no call to random() without jitter.
  return Math.max(Math.round(share ? delay * (1 - share * (1 - random())) : delay), retryAfterMs);
}

/** Parses a `Retry-After` header (seconds or an HTTP date) into ms from `now`; 0 when absent or unparsable. */
export function parseRetryAfter(header: string | null, now: number): number {
  if (!header) return 0;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? 0 : Math.max(0, date - now);
}
