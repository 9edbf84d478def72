import { parseRetryAfter } from './backoff.js';
import type { Clock } from './clock.js';
import { SessionTokenError } from './errors.js';
import { classifyStatus, extractJws, type TokenRequest } from './request.js';
import { parseToken, type Token } from './token.js';

/** A JWS is a few KB; anything far larger is not a token, and is not read into memory whole. */
const MAX_BODY_CHARS = 64 * 1024;

/** A token request that has not answered by then is abandoned and retried: a hung connection must not
 * keep the session (whose poller waits for the request) from ever refreshing again. */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface FetchTokenOptions {
  endpoint: string;
  request: TokenRequest;
  fetch: typeof globalThis.fetch;
  signal: AbortSignal;
  clock: Clock;
  isOnline: () => boolean;
  timeoutMs?: number;
}

/** One request to the endpoint → a decoded token, or a `SessionTokenError` that says what kind of failure it was. */
export async function fetchToken(options: FetchTokenOptions): Promise<Token> {
  const { endpoint, request, clock } = options;
  const sentAt = clock.now();
  const controller = new AbortController();
  const abort = () => controller.abort(options.signal.reason);
  options.signal.addEventListener('abort', abort, { once: true });
  const timer = clock.setTimeout(() => controller.abort(TIMED_OUT), options.timeoutMs ?? REQUEST_TIMEOUT_MS);
  const { signal } = controller;
  let response: Response;
  let body: string;
  try {
    response = await options.fetch(endpoint, {
      method: request.method,
      credentials: 'include',
      headers: request.headers(),
      cache: 'no-store',
      signal,
    });
    if (!response.ok) {
      void response.body?.cancel().catch(() => {});
      throw classifyStatus(response.status, request, parseRetryAfter(response.headers.get('retry-after'), clock.now()));
    }
    body = await readBody(response);
  } catch (error) {
    throw error instanceof SessionTokenError ? error : classifyThrown(error, signal, options.isOnline());
  } finally {
    clock.clearTimeout(timer);
    options.signal.removeEventListener('abort', abort);
  }
  const contentType = response.headers.get('content-type');
  const jws = extractJws(body, contentType, request.fields);
  if (jws === undefined) {
    throw new SessionTokenError('invalid-token', `the token response (${contentType ?? 'no content type'}) holds no JWT in ${request.fields.join(', ')}: set token-field`);
  }
  return parseToken(jws, sentAt);
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
