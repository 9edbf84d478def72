// The token request as a site's endpoint expects it (method, CSRF header, extra headers) and how its
// answer is read (which JSON field, which statuses mean "signed out"). Checked once, when the session
// is made: a wrong option is an `invalid-config` naming it, never a request that cannot work.
import { readCookie } from './cookie.js';
import { SessionTokenError } from './errors.js';
import type { SessionOptions } from './session-types.js';

export interface TokenRequest {
  method: string;
  /** Built for every request, so a rotated CSRF token is always the current one. */
  headers(): Record<string, string>;
  /** JSON fields looked at for the JWT, in order. */
  fields: string[];
  signedOutStatus: number[];
  /** True when a CSRF header is configured (a 403 then means it was not accepted). */
  csrf: boolean;
}

export function tokenRequest(options: SessionOptions, doc: Document | undefined): TokenRequest {
  const method = (options.method ?? 'POST').toUpperCase();
  const { csrf, headers, signedOutStatus = [401] } = options;
  const wrong =
    (!/^(GET|POST)$/.test(method) && 'method: use GET or POST') ||
    (signedOutStatus.some((status) => !(status >= 400 && status < 500)) && 'signed-out-status: list 4xx statuses, e.g. "401 403"') ||
    (csrf && !csrf.cookie === !csrf.meta && 'csrf-header: give one of csrf-cookie or csrf-meta');
  if (wrong) throw new SessionTokenError('invalid-config', wrong);
  return {
    method,
    headers() {
      const extra = typeof headers === 'function' ? headers() : headers;
      const token = csrf && (csrf.cookie ? readCookie(doc, csrf.cookie)[0] : (doc?.getElementsByName(csrf.meta!)[0] as HTMLMetaElement | undefined)?.content);
      return { Accept: 'application/json', ...(token ? { [csrf.header]: token } : {}), ...extra };
    },
    fields: options.tokenField ? [options.tokenField] : ['jwt', 'token', 'access_token', 'tokenized'],
    signedOutStatus,
    csrf: !!csrf,
  };
}

/**
 * What a non-2xx status means (contract §5): a sign-out only for the site's `signed-out-status`; 408, 429
 * and 5xx are retried; any other 4xx is `refused`, with the likely cause and the attribute that fixes it.
 */
export function classifyStatus(status: number, request: TokenRequest, retryAfterMs: number): SessionTokenError {
  const answered = `the token endpoint answered ${status}`;
  if (request.signedOutStatus.includes(status)) return new SessionTokenError('unauthorized', answered, { status });
  if (status < 400 || status > 499 || status === 408 || status === 429) return new SessionTokenError('server', answered, { status, retryAfterMs });
  const cause =
    status === 403 || status === 419 || status === 422 // 419: Laravel's CSRF failure, 422: Rails'
      ? `a CSRF check? ${request.csrf ? 'check csrf-header and the token the page holds' : 'set csrf-header with csrf-cookie or csrf-meta'}`
      : status === 404 || status === 405
        ? `check the path, or set method="${request.method === 'GET' ? 'POST' : 'GET'}"`
        : 'check method, csrf-header and headers';
  return new SessionTokenError('refused', `${answered}: ${cause}. Not a sign-out: if it means one, add ${status} to signed-out-status`, { status });
}

/** The JWS in a response body: the first string among `fields` of a JSON object, or a plain-text body. */
export function extractJws(body: string, fields: string[]): unknown {
  const text = body.trim();
  if (text[0] !== '{') return text;
  try {
    const json = JSON.parse(text);
    return fields.map((field) => json?.[field]).find((value) => typeof value === 'string');
  } catch {
    return undefined; // The caller reports `invalid-token` for a body that holds no JWS.
  }
}
