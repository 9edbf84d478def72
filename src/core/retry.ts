import { retryDelay, type BackoffSchedule } from './backoff.js';
import type { Clock } from './clock.js';
import { isRetryable, SessionTokenError } from './errors.js';
import type { NetworkWatch } from './signals.js';

/** What a refresh run does after a failed attempt. */
export type AfterFailure = 'backing-off' | 'waiting-online' | 'giving-up';

export interface RetryOptions<T> {
  attempt: (signal: AbortSignal) => Promise<T>;
  schedule: BackoffSchedule;
  clock: Clock;
  signal: AbortSignal;
  network: NetworkWatch;
  random?: () => number;
  /** Told about each failed retryable attempt, before the run waits or gives up. */
  onFailure(error: SessionTokenError, next: AfterFailure): void;
  /** Told when an attempt starts (the first one and every retry). */
  onAttempt?(): void;
  /**
   * Given a function that ends the current backoff wait early (a trigger such as focus may use it), or
   * null once the wait is over. Waits the server asked for with Retry-After cannot be cut short.
   */
  onWakeable?(wake: (() => void) | null): void;
}

/**
 * Runs `attempt` until it succeeds, a failure is final (not retryable, aborted) or the schedule is spent;
 * then rethrows the last error. Offline failures spend no budget: the run pauses until the browser is
 * back online and then tries at once.
 */
export async function retry<T>(options: RetryOptions<T>): Promise<T> {
  const { signal, network } = options;
  for (let retries = 0; ; ) {
    options.onAttempt?.();
    try {
      return await options.attempt(signal);
    } catch (thrown) {
      const error = asSessionTokenError(thrown, signal);
      if (error.code === 'aborted' || !isRetryable(error)) throw error;
      if (!network.isOnline() || error.code === 'offline') {
        options.onFailure(asOffline(error), 'waiting-online');
        await network.whenOnline(signal);
        continue;
      }
      const delay = retryDelay(options.schedule, retries++, error.retryAfterMs, options.random);
      options.onFailure(error, delay === null ? 'giving-up' : 'backing-off');
      if (delay === null) throw error;
      await backoff(options, delay, !error.retryAfterMs);
    }
  }
}

function asSessionTokenError(thrown: unknown, signal: AbortSignal): SessionTokenError {
  if (signal.aborted) return new SessionTokenError('aborted', 'the token request was aborted', { cause: thrown });
  if (thrown instanceof SessionTokenError) return thrown;
  return new SessionTokenError('network', 'the token request failed', { cause: thrown });
}

const asOffline = (error: SessionTokenError) =>
  error.code === 'offline' ? error : new SessionTokenError('offline', 'the browser is offline', { cause: error });

function backoff(options: RetryOptions<unknown>, ms: number, wakeable: boolean): Promise<void> {
  const { clock, signal } = options;
  return new Promise((resolve, reject) => {
    const finish = (settle: () => void) => {
      clock.clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      options.onWakeable?.(null);
      settle();
    };
    const onAbort = () => finish(() => reject(signal.reason));
    const timer = clock.setTimeout(() => finish(resolve), ms);
    signal.addEventListener('abort', onAbort, { once: true });
    if (wakeable) options.onWakeable?.(() => finish(resolve));
  });
}
