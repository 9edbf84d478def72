// One refresh attempt: under the cross-tab lock, fetch, check the signature (with `jwks`), tell the other tabs.
import { fetchToken, type FetchTokenOptions } from './fetcher.js';
import type { Verify } from './jwks.js';
import type { RefreshLock } from './lock.js';
import type { Token } from './token.js';

/**
 * With `ifAvailable` (a background refresh, nobody waiting), another tab's refresh stands in for this one:
 * null at once. The token is posted before the lock is released, so a tab that takes the lock next
 * already has it.
 */
export function attempt(lock: RefreshLock, request: FetchTokenOptions, verify: Verify | undefined, post: (token: Token) => void, ifAvailable: boolean): Promise<Token | null> {
  const { signal } = request;
  return lock.run(
    async () => {
      const fetched = await fetchToken(request);
      await verify?.(fetched.jws);
      signal.throwIfAborted(); // dispose() or a newer token while the signature was checked: drop it
      post(fetched);
      return fetched;
    },
    { ifAvailable, signal },
  );
}
