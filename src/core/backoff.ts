/** The retry schedule. Pure: which delay before retry number `retry` (0-based), or null when the budget is spent. */
export interface BackoffSchedule {
  /** ms before the first retry (never an immediate retry). */
  firstDelayMs: number;
  factor: number;
  maxDelayMs: number;
  maxRetries: number;
  /** 'none': the exponential delay itself; 'full': a uniform random delay between 0 and it. */
  jitter: 'none' | 'full';
}

export const defaultBackoff: BackoffSchedule = { firstDelayMs: 3_000, factor: 1.55, maxDelayMs: 50_000, maxRetries: 8, jitter: 'none' };

/**
 * Delay before retry `retry`, or null once `maxRetries` retries have been made. `retryAfterMs` from the
 * server wins when longer. `random` returns a number in [0, 1) (injected so simulations can seed it).
 */
export function retryDelay(schedule: BackoffSchedule, retry: number, retryAfterMs = 0, random: () => number = Math.random): number | null {
  if (retry >= schedule.maxRetries) return null;
  const exponential = Math.min(schedule.maxDelayMs, schedule.firstDelayMs * schedule.factor ** retry);
  const delay = schedule.jitter === 'full' ? exponential * random() : exponential;
  return Math.max(Math.round(delay), retryAfterMs);
}

/** Parses a `Retry-After` header (seconds or an HTTP date) into ms from `now`; 0 when absent or unparsable. */
export function parseRetryAfter(header: string | null, now: number): number {
  if (!header) return 0;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? 0 : Math.max(0, date - now);
}
