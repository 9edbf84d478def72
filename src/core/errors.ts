export const ErrorCode = {
  network: 'network',
  offline: 'offline',
  server: 'server',
  unauthorized: 'unauthorized',
  refused: 'refused',
  invalidToken: 'invalid-token',
  invalidConfig: 'invalid-config',
  timeout: 'timeout',
  aborted: 'aborted',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface SessionTokenErrorOptions {
  status?: number;
  cause?: unknown;
  /** Milliseconds the server asked us to wait (Retry-After). */
  retryAfterMs?: number;
}

/** Every failure the library reports. Messages and fields carry codes and statuses, never a token. */
export class SessionTokenError extends Error {
  override name = 'SessionTokenError';
  readonly code: ErrorCode;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, options: SessionTokenErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Failures worth trying again: the session may well be fine, only the way to it was not. */
export const isRetryable = (error: SessionTokenError): boolean =>
  error.code === 'network' || error.code === 'offline' || error.code === 'server' || error.code === 'invalid-token';

/** The failure for a session that was disposed, or a browser that is offline (with what it was). */
export const disposed = () => new SessionTokenError('aborted', 'the session was disposed');
export const offline = (cause?: SessionTokenError) =>
  cause?.code === 'offline' ? cause : new SessionTokenError('offline', 'the browser is offline', { cause });
