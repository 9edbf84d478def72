// The public shape of a session (what createSession() takes and returns), apart from its wiring.
import type { BackoffSchedule } from './backoff.js';
import type { Environment } from './environment.js';
import type { SessionEventMap, Status } from './events.js';
import type { TokenClaims } from './token.js';
import type { Verify } from './jwks.js';

export interface SessionOptions extends Partial<Environment> {
  /** Token endpoint URL, resolved against `baseUrl` (default: the page). */
  endpoint: string;
  /** Seconds before expiry at which the token turns stale (default 15, at least 5). */
  refreshThreshold?: number | null;
  /** Mirror each token into this cookie; removed only on a confirmed sign-out. */
  cookieName?: string | null;
  /** Adopt a token only once its signature verifies against this JWKS URL (needs `session-token/verify`). */
  jwks?: string | null;
  /** Allow an endpoint on another origin (credentials are sent to it). */
  allowCrossOrigin?: boolean;
  /** HTTP method of the token request (default POST). */
  method?: string;
  /** JSON field holding the JWT, when not one of jwt, token, access_token, tokenized. */
  tokenField?: string;
  /** Merged into the token request's headers; a function is called for every request. */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** Sends the page's CSRF token in `header`, read afresh for every request from a cookie or a meta tag. */
  csrf?: { header: string; cookie?: string; meta?: string };
  /** Statuses that mean the session is gone (default [401]); any other 4xx is `refused`. */
  signedOutStatus?: number[];
  /** A JWT the server rendered into this page: adopted at once, its life counted from the navigation start. */
  initialToken?: string;
  /** Origins besides the page's own to which fetch() may send the token. */
  apiOrigins?: string[];
  /** A custom signature check, instead of `jwks`. */
  verify?: Verify;
  backoff?: BackoffSchedule;
  /** Source of randomness for backoff jitter and the poller's spread (default Math.random); a simulation may seed it. */
  random?: () => number;
  /** A token request unanswered after this long (default 30 s) fails as `network` and is retried. */
  requestTimeoutMs?: number;
  baseUrl?: string;
}

export interface GetTokenOptions {
  /** Ask the endpoint even when a token is held (still deduplicated). */
  skipCache?: boolean;
  /** With no usable token, give up waiting after this many ms (default 10,000). */
  timeout?: number;
}

export interface Session {
  readonly endpoint: string;
  /** The current token while it is usable (more than 5 s left), else null. */
  readonly token: string | null;
  readonly claims: TokenClaims | null;
  readonly expiresAt: number | null;
  readonly status: Status;
  getToken(options?: GetTokenOptions): Promise<string | null>;
  refresh(options?: Pick<GetTokenOptions, 'timeout'>): Promise<string | null>;
  /** fetch() with `Authorization: Bearer <token>`, for the page's origin and `apiOrigins` only; one refresh and resend on a 401. */
  fetch: typeof globalThis.fetch;
  addEventListener<K extends keyof SessionEventMap>(type: K, listener: (event: SessionEventMap[K]) => void, options?: AddEventListenerOptions): void;
  removeEventListener<K extends keyof SessionEventMap>(type: K, listener: (event: SessionEventMap[K]) => void): void;
  dispose(): void;
}
