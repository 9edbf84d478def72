// Which tabs of an origin hold a token of an endpoint, known without waiting for anyone to answer: each
// tab that holds one holds a shared Web Lock whose name carries the token's `iat`, and locks.query()
// lists every lock of the origin at once. A new tab beside a live one asks it for its token instead of
// the endpoint; a tab with no live sibling fetches at once; a tab that waited for the refresh lock sees
// whether the tab before it brought a newer token than its own (its broadcast is on its way).
import type { Token } from './token.js';

export interface Presence {
  /** Shows that this tab holds `token`, instead of what it showed; resolves once other tabs can see it. */
  show(token: Token): Promise<void>;
  /** Shows nothing (signed out, disposed, in the back/forward cache: a held lock would evict the page). */
  hide(): void;
  /** The newest `iat` any tab of this endpoint shows, this one included (-Infinity: none, or no Web Locks). */
  newest(): Promise<number>;
}

export function createPresence(endpoint: string, locks: LockManager | null): Presence {
  const prefix = `session-token:${endpoint} `;
  let release = () => {};
  const hide = () => release();
  return {
    show(token) {
      hide();
      const freed = new Promise<void>((resolve) => (release = resolve));
      return new Promise((shown) => {
        if (!locks) return shown();
        // A refused request (an opaque-origin frame) shows nothing: the lock module reports it.
        locks.request(prefix + token.claims.iat, { mode: 'shared' }, () => (shown(), freed)).catch(() => shown());
      });
    },
    hide,
    async newest() {
      try {
        const { held = [] } = await locks!.query();
        return Math.max(...held.map(({ name = '' }) => (name.startsWith(prefix) ? Number(name.slice(prefix.length)) : -Infinity)));
      } catch {
        return -Infinity; // No Web Locks, or refused: no sibling is known, so this tab fetches.
      }
    },
  };
}
