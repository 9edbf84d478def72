import { budgetSpent, isQuick, nextDelay, type BackoffSchedule, type RetryCase } from './backoff.js';
import type { Clock, TimerId } from './clock.js';
import { isRetryable, type SessionTokenError } from './errors.js';
import type { Step } from './state.js';

/** What a refresh run does after a failed attempt. */
export type NextStep =
  | { readonly kind: 'sign-out' }
  /** Refused or misconfigured: the run ends, nothing retries on its own. */
  | { readonly kind: 'stop' }
  /** The browser is offline: no retry budget is spent, the run resumes on `online`. */
  | { readonly kind: 'wait-online' }
  /**
   * The next attempt after `delayMs`, within the run: `wakeable` unless the server asked for the wait
   * (Retry-After). A wait chosen with nobody waiting keeps the session's refresh rhythm; `hurryMs` (from the
   * failure) is the quick retry a caller who comes meanwhile is owed, never sooner than a Retry-After. null:
   * the wait is quick already.
   */
  | { readonly kind: 'back-off'; readonly delayMs: number; readonly wakeable: boolean; readonly hurryMs: number | null }
  /** The retry budget is spent (and the server set no Retry-After): the run ends, the poller tries again after `delayMs`. */
  | { readonly kind: 'cool-down'; readonly delayMs: number };

/** Pure: the step after `error`, in `situation` (the failures before it, whether callers wait, the refresh rhythm). */
export function nextStep(error: SessionTokenError, situation: RetryCase, schedule: BackoffSchedule, online: boolean, random?: () => number): NextStep {
  if (error.code === 'unauthorized') return { kind: 'sign-out' };
  if (!isRetryable(error)) return { kind: 'stop' };
  if (!online || error.code === 'offline') return { kind: 'wait-online' };
  const { retryAfterMs } = error;
  const delayMs = nextDelay(schedule, { ...situation, retryAfterMs }, random);
  // A wait the server asked for (Retry-After) stays in the run, where nothing cuts it short.
  if (budgetSpent(schedule, situation.retry) && !retryAfterMs) return { kind: 'cool-down', delayMs };
  // Still never sooner than the server asked.
  const urgent = { ...situation, retryAfterMs, callersWaiting: true };
  const hurryMs = isQuick(schedule, situation) ? null : nextDelay(schedule, urgent, random);
  return { kind: 'back-off', delayMs, wakeable: !retryAfterMs, hurryMs };
}

export interface Sleep {
  /** Resolves after the delay (null: none) or on wake(); rejects with the signal's reason when it aborts. */
  readonly done: Promise<void>;
  wake(): void;
  /** Ends the wait `ms` from now instead, when that is sooner. */
  hurry(ms: number): void;
}

/**
 * A wait that exists, with its `wake`, before anyone is told about it: the run can publish the handle in
 * its state and only then report the failure, so a listener calling refresh() finds something to wake.
 */
export function sleep(clock: Clock, ms: number | null, signal: AbortSignal): Sleep {
  let timer: TimerId;
  let endsAt = ms === null ? Infinity : clock.now() + ms;
  let finish!: (settle?: boolean) => void;
  const done = new Promise<void>((resolve, reject) => {
    const onAbort = () => finish(false);
    finish = (resolved = true) => {
      clock.clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (resolved) resolve();
      else reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const arm = () => {
    clock.clearTimeout(timer);
    if (endsAt < Infinity) timer = clock.setTimeout(() => finish(), endsAt - clock.now());
  };
  arm();
  return {
    done,
    wake: () => finish(),
    hurry(ms) {
      if (clock.now() + ms >= endsAt) return;
      endsAt = clock.now() + ms;
      arm();
    },
  };
}

/**
 * The wait after a back-off or while offline, and the step that publishes it in the session's state: its
 * `wake` (not for a wait the server asked for) and, for a wait chosen with nobody waiting, its `hurry`.
 * `done` settles when the wait ends, however it ends.
 */
export function waitStep(next: Extract<NextStep, { kind: 'back-off' | 'wait-online' }>, clock: Clock, signal: AbortSignal): { step: Step; done: Promise<void> } {
  const failedAt = clock.now();
  const wait = sleep(clock, next.kind === 'back-off' ? next.delayMs : null, signal);
  const { hurryMs } = next as { hurryMs?: number | null };
  const step: Step =
    next.kind === 'wait-online'
      ? { kind: 'waiting-online', wake: wait.wake }
      : { kind: 'backing-off', wake: next.wakeable ? wait.wake : null, hurry: hurryMs == null ? null : () => wait.hurry(failedAt + hurryMs - clock.now()) };
  return { step, done: wait.done.catch(() => {}) };
}
