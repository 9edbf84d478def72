import { parseRetryAfter } from './backoff.js';
import type { Clock } from './clock.js';
import { SessionTokenError } from './errors.js';
import { parseToken, type Token } from './token.js';

/** A JWS is a few KB; anything far larger is not a token, and is not read into memory whole. */
const MAX_BODY_CHARS = 64 * 1024;

/** A token request that has not answered by then is abandoned and retried: a hung connection must not
 * keep the session (whose poller waits for the request) from ever refreshing again. */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface FetchTokenOptions {
  endpoint: string;
  fetch: typeof globalThis.fetch;
  signal: AbortSignal;
  clock: Clock;
  isOnline: () => boolean;
  timeoutMs?: number;
}

/** One `POST endpoint` → a decoded token, or a `SessionTokenError` that says what kind of failure it was. */
export async function fetchToken(options: FetchTokenOptions): Promise<Token> {
  // Called unbound: the browser's fetch throws "Illegal invocation" when `this` is not the window.
  const { endpoint, clock, fetch: post } = options;
  const now = () => clock.now();
  const sentAt = now();
  const request = new AbortController();
  const abort = () => request.abort(options.signal.reason);
  options.signal.addEventListener('abort', abort, { once: true });
  const timer = clock.setTimeout(() => request.abort(TIMED_OUT), options.timeoutMs ?? REQUEST_TIMEOUT_MS);
  const { signal } = request;
  let response: Response;
  let body: string;
  try {
    response = await post(endpoint, {
      method: 'POST',
      credentials: 'include',
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      signal,
    });
    const failure = classifyStatus(response, now());
    if (failure) {
      void response.body?.cancel().catch(() => {});
      throw failure;
    }
    body = await readBody(response);
  } catch (error) {
    throw error instanceof SessionTokenError ? error : classifyThrown(error, signal, options.isOnline());
  } finally {
    clock.clearTimeout(timer);
    options.signal.removeEventListener('abort', abort);
  }
  return parseToken(extractJws(body, response.headers.get('content-type')), sentAt);
}

function classifyStatus(response: Response, now: number): SessionTokenError | null {
  const { status } = response;
  if (response.ok) return null;
  if (status === 401 || status === 403 || status === 404) {
    return new SessionTokenError('unauthorized', `the token endpoint answered ${status}: signed out`, { status });
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  return new SessionTokenError('server', `the token endpoint answered ${status}`, { status, retryAfterMs });
}

const TIMED_OUT = Symbol('timed out');

function classifyThrown(error: unknown, signal: AbortSignal, online: boolean): SessionTokenError {
  if (signal.reason === TIMED_OUT) return new SessionTokenError('network', 'the token endpoint did not answer in time', { cause: error });
  if (signal.aborted) return new SessionTokenError('aborted', 'the token request was aborted', { cause: error });
  if (!online) return new SessionTokenError('offline', 'the browser is offline', { cause: error });
  return new SessionTokenError('network', 'the token endpoint could not be reached', { cause: error });
}

async function readBody(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_BODY_CHARS) {
    void response.body?.cancel().catch(() => {});
    throw new SessionTokenError('invalid-token', `the token response is too large (${declared} bytes)`);
  }
  const text = await response.text();
  if (text.length > MAX_BODY_CHARS) throw new SessionTokenError('invalid-token', 'the token response is too large');
  return text;
}

/** Accepts `{ "jwt": … }`, `{ "token": … }` or a plain-text JWS (contract §5). */
function extractJws(body: string, contentType: string | null): unknown {
  const text = body.trim();
  if (!contentType?.includes('json') && !text.startsWith('{')) return text;
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object') {
      const { jwt, token } = json as { jwt?: unknown; token?: unknown };
      return jwt ?? token;
    }
  } catch {
    // Falls through: the caller reports `invalid-token` for a body that holds no JWS.
  }
  return undefined;
}
