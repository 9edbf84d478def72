import type { Token } from './token.js';

/** Below this many ms of remaining life a token is not handed out: a request made with it could arrive expired. */
export const EXPIRY_MARGIN_MS = 5_000;
export const DEFAULT_REFRESH_THRESHOLD = 15;

export type Zone = 'fresh' | 'stale' | 'expired';

/** `refresh-threshold` in seconds → ms; missing or unparsable → 15 s; below 5 s → 5 s. */
export function refreshThresholdMs(seconds: number | null | undefined): number {
  const value = seconds == null || !Number.isFinite(seconds) ? DEFAULT_REFRESH_THRESHOLD : seconds;
  return Math.max(EXPIRY_MARGIN_MS, value * 1000);
}

/**
 * Local-clock ms from which the token is stale and a background refresh is due. The threshold is honoured
 * as long as the token stays fresh for at least a quarter of its life, and capped there: a huge
 * `refresh-threshold` cannot turn the poller into a refresh loop.
 */
export function freshUntil(token: Token, thresholdMs: number): number {
  const lifetime = token.expiresAt - token.localIat;
  return token.expiresAt - Math.max(EXPIRY_MARGIN_MS, Math.min(thresholdMs, lifetime * 0.75));
}

/** Local-clock ms from which the token is no longer handed out. */
export const usableUntil = (token: Token) => token.expiresAt - EXPIRY_MARGIN_MS;

export function zoneOf(token: Token, now: number, thresholdMs: number): Zone {
  return now >= usableUntil(token) ? 'expired' : now >= freshUntil(token, thresholdMs) ? 'stale' : 'fresh';
}

/**
 * When the poller refreshes a token: a point drawn (`draw` in [0, 1)) in the first half of its stale
 * window. Sessions that got their tokens in the same second (after an outage) would otherwise refresh in
 * the same second for ever; the other half of the window leaves room for a retry before expiry.
 */
export function refreshAt(token: Token, thresholdMs: number, draw: number): number {
  const staleFrom = freshUntil(token, thresholdMs);
  return staleFrom + (draw * (usableUntil(token) - staleFrom)) / 2;
}
