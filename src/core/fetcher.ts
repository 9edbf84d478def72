import { parseRetryAfter } from './backoff.js';
import type { Clock } from './clock.js';
import { offline, SessionTokenError } from './errors.js';
import { classifyStatus, extractJws, type TokenRequest } from './request.js';
import { parseToken, type Token } from './token.js';

/** A JWS is a few KB; anything far larger is not a token, and is not read further than this. */
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
  const { endpoint, request, clock, signal: runSignal } = options;
  // A run cancelled while it waited (for the lock, for another tab's answer) sends nothing: an abort
  // listener added now would never fire.
  runSignal.throwIfAborted();
  const sentAt = clock.now();
  const headers = request.headers(); // first: a headers function that throws is no network failure, and leaves no timer
  // Aborted by the run (the reason is the run's: it drops whatever comes), or by the timeout with a
  // `network` error as its reason, which is what this rejects with.
  const controller = new AbortController();
  const abort = () => controller.abort(runSignal.reason);
  runSignal.addEventListener('abort', abort, { once: true });
  const timer = clock.setTimeout(() => controller.abort(new SessionTokenError('network', 'the token endpoint did not answer in time')), options.timeoutMs ?? REQUEST_TIMEOUT_MS);
  let response: Response;
  let body: string;
  try {
    response = await options.fetch(endpoint, { method: request.method, credentials: 'include', headers, cache: 'no-store', signal: controller.signal });
    // A token endpoint answers itself: a redirect is most likely to a sign-in page (@login_required, a proxy).
    if (response.redirected) throw new SessionTokenError('refused', 'the token endpoint redirected: make it answer 401');
    if (!response.ok) {
      void response.body?.cancel().catch(() => {});
      throw classifyStatus(response.status, request, parseRetryAfter(response.headers.get('retry-after'), clock.now()));
    }
    body = await readBody(response);
  } catch (error) {
    // An aborted fetch() rejects with the signal's reason; WebKit's with an AbortError of its own.
    throw error instanceof SessionTokenError
      ? error
      : controller.signal.aborted
        ? controller.signal.reason
        : options.isOnline()
        ? new SessionTokenError('network', 'the token endpoint could not be reached', { cause: error })
        : offline();
  } finally {
    clock.clearTimeout(timer);
    runSignal.removeEventListener('abort', abort);
  }
  const contentType = response.headers.get('content-type');
  const jws = extractJws(body, request.fields);
  if (jws === undefined) throw new SessionTokenError('invalid-token', `no JWT in ${request.fields} of the response (${contentType}): set token-field`);
  return parseToken(jws, sentAt);
}

/**
 * The body as text, read no further than MAX_BODY_CHARS: an endpoint that answers megabytes (a misrouted
 * download, a hostile proxy) costs this page neither the time nor the memory to read them all.
 */
async function readBody(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (let chunk; reader && !(chunk = await reader.read()).done; ) {
    text += decoder.decode(chunk.value, { stream: true });
    if (text.length > MAX_BODY_CHARS) {
      void reader.cancel().catch(() => {});
      throw new SessionTokenError('invalid-token', 'the token response is over 64 KB');
    }
  }
  return text + decoder.decode();
}
