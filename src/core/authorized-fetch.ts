// fetch() with the session's token (contract §7): `Authorization: Bearer <token>` for the page's origin
// and the `api-origins` only, one shared refresh when the API answers 401, one resend at most.
import { SessionTokenError } from './errors.js';

export interface AuthorizedFetchOptions {
  getToken(): Promise<string | null>;
  refresh(): Promise<string | null>;
  fetch: typeof globalThis.fetch;
  /** Origins the token may go to: the page's own and the `api-origins`. */
  origins: string[];
}

/** `api-origins` as origins; `invalid-config` naming the attribute for anything that is not one. */
export function apiOrigins(listed: string[] = []): string[] {
  return listed.map((origin) => {
    try {
      return new URL(origin).origin;
    } catch {
      throw new SessionTokenError('invalid-config', `api-origins: "${origin}" is not an origin`);
    }
  });
}

export function createAuthorizedFetch(options: AuthorizedFetchOptions): typeof globalThis.fetch {
  /**
   * The refresh started for a token an API called revoked: every caller that saw a 401 with it shares it.
   * A refresh that failed is forgotten, so the next 401 tries again.
   */
  let renewal: { revoked: string; next: Promise<string | null> } | null = null;
  const renewed = (revoked: string) => {
    if (renewal?.revoked !== revoked) (renewal = { revoked, next: options.refresh() }).next.catch(() => (renewal = null));
    return renewal!.next;
  };

  return async (input, init) => {
    // A Request resolves the URL against the page and carries init's or input's headers and signal.
    const request = new Request(input, init);
    const { origin } = new URL(request.url);
    if (!options.origins.includes(origin)) {
      throw new SessionTokenError('invalid-config', `fetch() sends the token only to this origin and api-origins, not ${origin}`);
    }
    const { signal } = request;
    const token = await abortable(options.getToken(), signal);
    if (token === null) throw new SessionTokenError('unauthorized', 'signed out: fetch() sent nothing');
    const send = (sent: Request, bearer: string) => (sent.headers.set('Authorization', `Bearer ${bearer}`), options.fetch(sent));
    const response = await send(request, token);
    // Sent again only with a body that can be sent twice: not a stream, not a Request's (taken by `request`;
    // Firefox has no Request.body to look at).
    if (response.status !== 401 || init?.body instanceof ReadableStream || (input instanceof Request && input.bodyUsed)) return response;
    const next = await abortable(renewed(token), signal);
    if (next === null || next === token) return response;
    void response.body?.cancel().catch(() => {});
    return send(new Request(input, init), next);
  };
}

/** `promise`, or the signal's reason as soon as it aborts (the listener dies with the call's Request). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject);
  });
}
