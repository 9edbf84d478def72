import type { Token } from './token.js';

/** Below this many ms of remaining life a token is not handed out: a request made with it could arrive expired. */
export const EXPIRY_MARGIN_MS = 5_000;
export const DEFAULT_REFRESH_THRESHOLD = 15;

export const Zone = { fresh: 'fresh', stale: 'stale', expired: 'expired' } as const;
export type Zone = (typeof Zone)[keyof typeof Zone];

/** `refresh-threshold` in seconds → ms; missing or unparsable → 15 s; below 5 s → 5 s. */
export function refreshThresholdMs(seconds: number | null | undefined): number {
  const value = seconds == null || !Number.isFinite(seconds) ? DEFAULT_REFRESH_THRESHOLD : seconds;
  return Math.max(EXPIRY_MARGIN_MS, value * 1000);
}

/**
 * Local-clock ms from which the token is stale and a background refresh is due. A threshold longer than
 * half the token's life counts as half (at least the 5 s margin): a token is always fresh for a while,
 * so a huge `refresh-threshold` cannot turn the poller into a refresh loop.
 */
export function freshUntil(token: Token, thresholdMs: number): number {
  const lifetime = token.expiresAt - token.localIat;
  return token.expiresAt - Math.min(thresholdMs, Math.max(EXPIRY_MARGIN_MS, lifetime / 2));
}

/** Local-clock ms from which the token is no longer handed out. */
export const usableUntil = (token: Token) => token.expiresAt - EXPIRY_MARGIN_MS;

export function zoneOf(token: Token, now: number, thresholdMs: number): Zone {
  if (now >= usableUntil(token)) return Zone.expired;
  if (now >= freshUntil(token, thresholdMs)) return Zone.stale;
  return Zone.fresh;
}

/** A hidden tab lets a visible one refresh first: its timers are throttled, and it would only duplicate the work. */
export const HIDDEN_TAB_DELAY_MS = 3_000;

/**
 * The poller's next wake-up: when the held token turns stale, not before `notBefore` (a cool-down or
 * another tab's refresh), a little later in a hidden tab. Null when nothing needs a wake-up.
 */
export function nextRefreshAt(token: Token | null, thresholdMs: number, notBefore: number, visible: boolean): number | null {
  if (!token && !notBefore) return null;
  const at = Math.max(token ? freshUntil(token, thresholdMs) : 0, notBefore);
  return at + (visible ? 0 : HIDDEN_TAB_DELAY_MS);
}
