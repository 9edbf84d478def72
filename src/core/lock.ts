// Refreshes of one endpoint are mutually exclusive across the tabs of an origin. With Web Locks the
// browser releases a lock when its tab closes, so a dead refresher never deadlocks the others; a tab that
// hangs while it holds the lock (its request hangs, the engine froze it) is relieved of it after a while.
import type { Clock } from './clock.js';

export interface RefreshLock {
  /**
   * Runs `task` while holding the lock. With `ifAvailable`, resolves null at once when another tab holds
   * it (that tab is refreshing, and will broadcast its token). Otherwise it waits for the lock, and takes it
   * from its holder (Web Locks `steal`) after `patienceMs`. A task is never started once `signal` aborted.
   */
  run<T>(task: () => Promise<T>, options: { ifAvailable: boolean; signal: AbortSignal }): Promise<T | null>;
}

/** How long a tab waits for the lock before it takes it: another tab's refresh rarely takes longer. */
export const LOCK_PATIENCE_MS = 3_000;

/**
 * Web Locks when given (null: none, e.g. older browsers): without them no cross-tab exclusion, correct but
 * less frugal. A page that may not use them (an opaque-origin frame) runs without, and `unavailable` says so.
 */
export function createRefreshLock(name: string, locks: LockManager | null, clock: Clock, unavailable: (cause: unknown) => void): RefreshLock {
  if (!locks) return { run: (task) => task() };
  return {
    async run(task, { ifAvailable, signal }) {
      let running: ReturnType<typeof task> | undefined;
      const start = (lock: Lock | null) => (lock ? (signal.throwIfAborted(), (running = task())) : null);
      // Taken from this tab by another one, the task goes on: its outcome stands, not the lock's rejection.
      const request = (options: LockOptions) => locks.request(name, options, start).catch((error) => (running ?? Promise.reject(error)));
      // `signal` and `ifAvailable` cannot be combined in the Web Locks API; `patience` carries both the
      // run's abort and the end of the wait.
      const patience = new AbortController();
      const abort = () => patience.abort(signal.reason);
      const timer = ifAvailable ? undefined : clock.setTimeout(() => patience.abort(), LOCK_PATIENCE_MS);
      signal.addEventListener('abort', abort);
      try {
        return await request(ifAvailable ? { ifAvailable } : { signal: patience.signal });
      } catch (error) {
        if (running) throw error; // the task's own failure
        signal.throwIfAborted();
        if (patience.signal.aborted) return await request({ steal: true });
        // Refused before the task started (an opaque-origin frame): the refresh goes on without the lock.
        unavailable(error);
        return task();
      } finally {
        clock.clearTimeout(timer);
        signal.removeEventListener('abort', abort);
      }
    },
  };
}
