// Refreshes of one endpoint are mutually exclusive across the tabs of an origin. With Web Locks the
// browser releases a lock when its tab closes, so a dead refresher never deadlocks the others.

export const LOCK_BUSY: unique symbol = Symbol('lock busy');

export interface RefreshLock {
  /**
   * Runs `task` while holding the lock. With `ifAvailable`, resolves `LOCK_BUSY` at once when another
   * tab holds it (that tab is refreshing, and will broadcast its token).
   */
  run<T>(task: () => Promise<T>, options?: { ifAvailable?: boolean; signal?: AbortSignal }): Promise<T | typeof LOCK_BUSY>;
}

/** Web Locks when the browser has them (null: none); otherwise no cross-tab exclusion (correct, only less frugal). */
export function createRefreshLock(name: string, locks: LockManager | null = globalThis.navigator?.locks ?? null): RefreshLock {
  if (!locks) return { run: (task) => task() };
  return {
    run<T>(task: () => Promise<T>, { ifAvailable = false, signal }: { ifAvailable?: boolean; signal?: AbortSignal } = {}) {
      // `signal` and `ifAvailable` cannot be combined in the Web Locks API.
      const options: LockOptions = ifAvailable ? { ifAvailable } : { signal };
      return locks.request(name, options, (lock) => (lock ? task() : LOCK_BUSY)) as Promise<T | typeof LOCK_BUSY>;
    },
  };
}
