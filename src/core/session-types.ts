// The public shape of a session (what createSession() takes and returns), apart from its wiring.
import type { BackoffSchedule } from './backoff.js';
import type { ChannelFactory } from './channel.js';
import type { Clock } from './clock.js';
import type { CookieJar } from './cookie.js';
import type { SessionEventMap, Status } from './events.js';
import type { BrowserSignals } from './signals.js';
import type { TokenClaims } from './token.js';
import type { Verify } from './verify.js';

export interface SessionOptions {
  /** Token endpoint URL, resolved against `baseUrl`. */
  endpoint: string;
  /** Seconds before expiry at which the token turns stale (default 15, at least 5). */
  refreshThreshold?: number | null;
  /** Mirror each token into this cookie; removed only on a confirmed sign-out. */
  cookieName?: string | null;
  /** Adopt a token only once its signature verifies against this JWKS URL (needs `session-token/verify`). */
  jwks?: string | null;
  /** Allow an endpoint on another origin (credentials are sent to it). */
  allowCrossOrigin?: boolean;
  /** A custom signature check, instead of `jwks`. */
  verify?: Verify;
  fetch?: typeof globalThis.fetch;
  clock?: Clock;
  backoff?: BackoffSchedule;
  /** Source of randomness for backoff jitter (default Math.random); a simulation may seed it. */
  random?: () => number;
  /** After the retry budget is spent, the poller waits this long before a new run (triggers do not wait). */
  cooldownMs?: number;
  signals?: BrowserSignals;
  /** Cross-tab channel; null turns cross-tab sharing off. */
  channel?: ChannelFactory | null;
  /** Web Locks; null refreshes without a cross-tab lock. */
  locks?: LockManager | null;
  cookies?: CookieJar;
  /** A token request unanswered after this long (default 30 s) fails as `network` and is retried. */
  requestTimeoutMs?: number;
  /** How long a tab with no token waits for another tab's answer before it fetches. */
  askTimeoutMs?: number;
  baseUrl?: string;
}

export interface Session {
  readonly endpoint: string;
  /** The current token while it is usable (more than 5 s left), else null. */
  readonly token: string | null;
  readonly claims: TokenClaims | null;
  readonly expiresAt: number | null;
  readonly status: Status;
  getToken(options?: { skipCache?: boolean }): Promise<string | null>;
  refresh(): Promise<string | null>;
  addEventListener<K extends keyof SessionEventMap>(type: K, listener: (event: SessionEventMap[K]) => void, options?: AddEventListenerOptions): void;
  removeEventListener<K extends keyof SessionEventMap>(type: K, listener: (event: SessionEventMap[K]) => void): void;
  dispose(): void;
}
