import { budgetSpent, retryDelay, type BackoffSchedule } from './backoff.js';
import type { Clock } from './clock.js';
import { isRetryable, type SessionTokenError } from './errors.js';

/** What a refresh run does after a failed attempt. */
export type NextStep =
  | { readonly kind: 'sign-out' }
  /** Refused or misconfigured: the run ends, nothing retries on its own. */
  | { readonly kind: 'stop' }
  /** The browser is offline: no retry budget is spent, the run resumes on `online`. */
  | { readonly kind: 'wait-online' }
  /** A quick retry after `delayMs`; `wakeable` unless the server asked for the wait (Retry-After). */
  | { readonly kind: 'back-off'; readonly delayMs: number; readonly wakeable: boolean }
  /** The quick retries are spent (and the server set no Retry-After): the run ends, the poller tries again after `delayMs`. */
  | { readonly kind: 'cool-down'; readonly delayMs: number };

/** Pure: the step after `error`, the run's `failures`-th retryable failure before this one. */
export function nextStep(error: SessionTokenError, failures: number, schedule: BackoffSchedule, online: boolean, random?: () => number): NextStep {
  if (error.code === 'unauthorized') return { kind: 'sign-out' };
  if (!isRetryable(error)) return { kind: 'stop' };
  if (!online || error.code === 'offline') return { kind: 'wait-online' };
  const delayMs = retryDelay(schedule, failures, error.retryAfterMs, random);
  // A wait the server asked for (Retry-After) stays in the run, where nothing cuts it short.
  if (budgetSpent(schedule, failures) && !error.retryAfterMs) return { kind: 'cool-down', delayMs };
  return { kind: 'back-off', delayMs, wakeable: !error.retryAfterMs };
}

export interface Sleep {
  /** Resolves after the delay (null: none) or on wake(); rejects with the signal's reason when it aborts. */
  readonly done: Promise<void>;
  wake(): void;
}

/**
 * A wait that exists, with its `wake`, before anyone is told about it: the run can publish the handle in
 * its state and only then report the failure, so a listener calling refresh() finds something to wake.
 */
export function sleep(clock: Clock, ms: number | null, signal: AbortSignal): Sleep {
  let wake!: () => void;
  const done = new Promise<void>((resolve, reject) => {
    const finish = (settle: () => void) => {
      clock.clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = () => finish(() => reject(signal.reason));
    const timer = ms === null ? undefined : clock.setTimeout(() => finish(resolve), ms);
    signal.addEventListener('abort', onAbort, { once: true });
    wake = () => finish(resolve);
  });
  return { done, wake };
}
