// Refreshes of one endpoint are mutually exclusive across the tabs of an origin. With Web Locks the
// browser releases a lock when its tab closes, so a dead refresher never deadlocks the others.

export interface RefreshLock {
  /**
   * Runs `task` while holding the lock. With `ifAvailable`, resolves null at once when another tab holds
   * it (that tab is refreshing, and will broadcast its token).
   */
  run<T>(task: () => Promise<T>, options: { ifAvailable: boolean; signal: AbortSignal }): Promise<T | null>;
}

/** Web Locks when given (null: none, e.g. older browsers): without them no cross-tab exclusion, correct but less frugal. */
export function createRefreshLock(name: string, locks: LockManager | null): RefreshLock {
  if (!locks) return { run: (task) => task() };
  return {
    run: (task, { ifAvailable, signal }) =>
      // `signal` and `ifAvailable` cannot be combined in the Web Locks API.
      locks.request(name, ifAvailable ? { ifAvailable } : { signal }, (lock) => lock && task()) as never,
  };
}
