// The token request as a site's endpoint expects it (method, CSRF header, extra headers) and how its
// answer is read (which JSON field, which statuses mean "signed out"). Checked once, when the session
// is made: a wrong option is an `invalid-config` naming it, never a request that cannot work.
import { readCookie } from './cookie.js';
import { SessionTokenError } from './errors.js';
import type { SessionOptions } from './session-types.js';

export interface TokenRequest {
  method: 'GET' | 'POST';
  /** Built for every request, so a rotated CSRF token is always the current one. */
  headers(): Record<string, string>;
  /** JSON fields looked at for the JWT, in order. */
  fields: string[];
  signedOutStatus: number[];
  /** Where the CSRF token comes from, for messages: e.g. `csrf-cookie "csrftoken"`. */
  csrfSource: string | null;
}

const DEFAULT_FIELDS = ['jwt', 'token', 'access_token', 'tokenized'];

const invalid = (message: string) => new SessionTokenError('invalid-config', message);

export function tokenRequest(options: SessionOptions, doc: Document | undefined): TokenRequest {
  const method = (options.method ?? 'POST').toUpperCase();
  if (method !== 'GET' && method !== 'POST') throw invalid(`method="${options.method}" is not GET or POST`);
  const signedOutStatus = options.signedOutStatus ?? [401];
  const bad = signedOutStatus.find((status) => !(Number.isInteger(status) && status >= 400 && status < 500));
  if (bad !== undefined) throw invalid(`signed-out-status lists "${bad}": give 4xx statuses, e.g. "401 403"`);
  const { csrf, headers } = options;
  if (csrf && !csrf.cookie === !csrf.meta) throw invalid('csrf-header needs exactly one of csrf-cookie or csrf-meta');
  const csrfValue = () => {
    if (!csrf) return null;
    if (csrf.cookie) return readCookie(doc, csrf.cookie)[0] ?? null;
    return doc?.querySelector<HTMLMetaElement>(`meta[name="${CSS.escape(csrf.meta!)}"]`)?.content ?? null;
  };
  return {
    method,
    headers() {
      let extra: Record<string, string>;
      try {
        extra = typeof headers === 'function' ? headers() : (headers ?? {});
      } catch (cause) {
        throw new SessionTokenError('invalid-config', 'the headers option threw', { cause });
      }
      const token = csrfValue();
      return { Accept: 'application/json', ...(csrf && token ? { [csrf.header]: token } : {}), ...extra };
    },
    fields: options.tokenField ? [options.tokenField] : DEFAULT_FIELDS,
    signedOutStatus,
    csrfSource: csrf ? (csrf.cookie ? `csrf-cookie "${csrf.cookie}"` : `csrf-meta "${csrf.meta}"`) : null,
  };
}

/**
 * What a non-2xx status means (contract §5): a sign-out only for the site's `signed-out-status`; 408, 429
 * and 5xx are retried; any other 4xx is `refused`, with the likely cause and the attribute that fixes it.
 */
export function classifyStatus(status: number, request: TokenRequest, retryAfterMs: number): SessionTokenError {
  const answered = `the token endpoint answered ${status}`;
  if (request.signedOutStatus.includes(status)) return new SessionTokenError('unauthorized', `${answered}: signed out`, { status });
  if (status < 400 || status >= 500 || status === 408 || status === 429) {
    return new SessionTokenError('server', answered, { status, retryAfterMs });
  }
  const other = request.method === 'GET' ? 'POST' : 'GET';
  const cause =
    status === 403
      ? request.csrfSource
        ? `check that the page has the CSRF token in ${request.csrfSource} and that csrf-header names the header the server reads`
        : 'a CSRF check is the usual cause: set csrf-header with csrf-cookie or csrf-meta'
      : status === 404 || status === 405
        ? `check the endpoint's path, or set method="${other}" (this request was a ${request.method})`
        : 'the server refused the request: check method, csrf-header and the headers property';
  return new SessionTokenError('refused', `${answered}: ${cause}. Not a sign-out: list ${status} in signed-out-status if it means one`, { status });
}

/** The JWS in a response body: the first string among `fields` of a JSON object, or a plain-text body. */
export function extractJws(body: string, contentType: string | null, fields: string[]): unknown {
  const text = body.trim();
  if (!contentType?.includes('json') && !text.startsWith('{')) return text;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    for (const field of fields) if (typeof json?.[field] === 'string') return json[field];
  } catch {
    // Falls through: the caller reports `invalid-token` for a body that holds no JWS.
  }
  return undefined;
}
