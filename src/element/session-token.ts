import { SessionTokenError } from '../core/errors.js';
import { cloneEvent, SESSION_EVENTS, StatusChangeEvent, TokenErrorEvent, type Status } from '../core/events.js';
import type { GetTokenOptions, Session, SessionOptions } from '../core/session-types.js';
import { DEFAULT_TIMEOUT_MS } from '../core/state.js';
import type { TokenClaims } from '../core/token.js';
import { sessionOptions } from './attributes.js';
import { reflect, upgradeProperties } from './reflected.js';
import { connections, route, type SessionHolder } from './callers.js';
import { acquireSession, releaseSession } from './registry.js';

/** The options, each an attribute reflected to a camelCase property, and how its text is read. */
const OPTIONS = {
  endpoint: String,
  refreshThreshold: Number,
  cookieName: String,
  jwks: String,
  crossOrigin: Boolean,
  method: String,
  tokenField: String,
  csrfHeader: String,
  csrfCookie: String,
  csrfMeta: String,
  signedOutStatus: String,
  apiOrigins: String,
  initialToken: String,
};

/** `:host { display: contents }`, one sheet for every element (a constructed sheet: allowed under a strict CSP). */
let sheet: CSSStyleSheet | undefined;
function attachStyledShadow(element: HTMLElement) {
  if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(':host{display:contents}');
  element.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet];
}

// A server-side import (no DOM) defines nothing (define.ts), but the class must still be declarable.
const Base = (globalThis.HTMLElement ?? Object) as typeof HTMLElement;

/**
 * `<session-token endpoint="/api/token">`: keeps a session JWT fresh. A thin layer over the shared core:
 * attributes choose the session, its events are re-dispatched here (bubbling, composed).
 * It has no shadow parts and no styles of its own (`display: contents`): only slotted content shows.
 *
 * @tagname session-token
 * @summary Keeps a short-lived session JWT fresh and shows content by sign-in status.
 *
 * @attr {string} endpoint - Token endpoint URL (required), resolved against the page URL. Elements with the same resolved endpoint share one session.
 * @attr {number} [refresh-threshold=15] - Seconds before expiry at which the token turns stale and is refreshed in the background; values below 5 are raised to 5, values that would leave the token fresh for less than a quarter of its life are capped there.
 * @attr {string} cookie-name - When set, every new token is written to this cookie (path=/, SameSite=Lax, Secure on https), and a new page adopts it with no request while it is fresh; it is removed only on confirmed sign-out. Prefer a `__Host-` name on https.
 * @attr {string} jwks - When set, a token is adopted only after its signature verifies against this JWKS URL.
 * @attr {boolean} cross-origin - Allows an endpoint on another origin; without it such an endpoint is refused, so credentials never go to a third party silently.
 * @attr {'POST' | 'GET'} [method=POST] - HTTP method of the token request (better-auth's `/api/auth/token` is GET).
 * @attr {string} token-field - JSON field holding the JWT when it is not one of `jwt`, `token`, `access_token`, `tokenized`.
 * @attr {string} csrf-header - Sends the page's CSRF token in this request header (e.g. `X-CSRFToken`), read afresh for every request from `csrf-cookie` or `csrf-meta`.
 * @attr {string} csrf-cookie - Cookie holding the CSRF token (Django `csrftoken`, Angular/Laravel `XSRF-TOKEN`).
 * @attr {string} csrf-meta - Name of the `<meta>` holding the CSRF token (Rails and Laravel `csrf-token`).
 * @attr {string} [signed-out-status=401] - Space-separated HTTP statuses that mean the session is gone; any other 4xx is a `refused` error, never a sign-out.
 * @attr {string} api-origins - Space-separated origins besides the page's own to which `fetch()` may send the token.
 * @attr {string} initial-token - A JWT the server rendered into this page: adopted at once with no request, its life counted from the navigation start.
 * @attr {'loading' | 'signed-in' | 'signed-out' | 'offline' | 'error'} status - Set by the element, not by you: reflects `status` for CSS, e.g. `session-token[status="signed-in"]`.
 *
 * @prop token - The current token while it has more than 5 s to live, else `null`.
 * @prop claims - The current token's decoded payload, or `null`.
 * @prop expiresAt - When the current token expires, in ms since the epoch on the local clock, or `null`.
 * @prop status - `'loading' | 'signed-in' | 'signed-out' | 'offline' | 'error'`.
 * @prop headers - An object, or a function returning one (called for every token request), merged into the token request's headers. Property only.
 *
 * @fires {TokenUpdateEvent} tokenupdate - A new token was adopted. `detail`: `{ token, claims, expiresAt, source: 'fetch' | 'broadcast' | 'initial' | 'cookie' }`.
 * @fires {TokenErrorEvent} tokenerror - A token request failed, was refused, or brought an invalid token. `detail`: `{ error: SessionTokenError, willRetry: boolean }`.
 * @fires {SignedOutEvent} signedout - The endpoint confirmed the session is gone (a status in `signed-out-status`, default 401), or another tab learnt it. `detail`: `{ reason: 'unauthorized' | 'broadcast' }`.
 * @fires {StatusChangeEvent} statuschange - `status` changed. `detail`: `{ status }`.
 *
 * @slot - always shown
 * @slot signed-in - shown while `status` is `signed-in`
 * @slot signed-out - shown while `status` is `signed-out`
 */
export class SessionTokenElement extends Base {
  static observedAttributes = reflect(this.prototype, OPTIONS);

  declare endpoint?: string | null;
  declare refreshThreshold?: number | null;
  declare cookieName?: string | null;
  declare jwks?: string | null;
  declare crossOrigin?: boolean;
  declare method?: string | null;
  declare tokenField?: string | null;
  declare csrfHeader?: string | null;
  declare csrfCookie?: string | null;
  declare csrfMeta?: string | null;
  declare signedOutStatus?: string | null;
  declare apiOrigins?: string | null;
  declare initialToken?: string | null;
  /** Merged into the token request's headers; a function is called for every request. Property only. */
  declare headers?: SessionOptions['headers'] | null;

  /** The status last reflected to the attribute (and rendered). */
  #status: Status = 'loading';
  /** Set while option changes of this task wait to be applied together, a microtask later. */
  #pending: Promise<boolean> | null = null;
  #session: Session | null = null;
  /** Why the attributes could not make a session (reported as tokenerror, and by getToken()). */
  #configError: SessionTokenError | null = null;
  /** What the element's callers read (callers.ts). */
  #holder: SessionHolder = { session: () => this.#session, configError: () => this.#configError, connected: () => this.isConnected };
  /** The options the current session (or config error) was made from, to notice any change. */
  #connectedWith = '';
  #slots = { 'signed-in': slot('signed-in'), 'signed-out': slot('signed-out'), default: slot() };
  // The status attribute is brought up to date before any event is re-dispatched, so a listener reads the
  // new value; the session announces the change itself (its statuschange follows).
  #forward = (event: Event) => {
    this.#reflectStatus();
    this.dispatchEvent(cloneEvent(event as Parameters<typeof cloneEvent>[0]));
  };

  constructor() {
    super();
    attachStyledShadow(this);
    this.#render();
  }

  get status(): Status {
    return this.#session?.status ?? this.#status;
  }

  /** Resolves once the options changed in this task have taken effect (true, as lit's updateComplete). */
  get updateComplete(): Promise<boolean> {
    return this.#pending ?? Promise.resolve(true);
  }
  get token(): string | null {
    return this.#session?.token ?? null;
  }
  get claims(): TokenClaims | null {
    return this.#session?.claims ?? null;
  }
  get expiresAt(): number | null {
    return this.#session?.expiresAt ?? null;
  }

  /** The current token (at once from cache when fresh or stale); `null` only when signed out. */
  getToken(options?: GetTokenOptions): Promise<string | null> {
    return route(this.#holder, (session, timeout) => session.getToken({ ...options, timeout }), options?.timeout ?? DEFAULT_TIMEOUT_MS);
  }

  refresh(options?: Pick<GetTokenOptions, 'timeout'>): Promise<string | null> {
    return this.getToken({ ...options, skipCache: true });
  }

  /** `fetch()` with `Authorization: Bearer <token>`, to this page's origin and `api-origins` only; on a 401, one shared refresh and one resend. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    return route(this.#holder, (session) => session.fetch(input, init), DEFAULT_TIMEOUT_MS);
  }

  connectedCallback() {
    upgradeProperties(this, [...Object.keys(OPTIONS), 'headers']);
    this.#connect();
  }

  disconnectedCallback() {
    this.#disconnect();
  }

  /** Options set in one task (a framework sets them one by one) take effect together, a microtask later. */
  attributeChangedCallback() {
    this.#pending ??= Promise.resolve().then(() => {
      this.#pending = null;
      // Any option set before or after connection, in this task or later, takes effect.
      if (this.isConnected && this.#optionsKey() !== this.#connectedWith) {
        this.#disconnect();
        this.#connect();
      }
      return true;
    });
  }

  #render() {
    const status = this.#status;
    // Only the named slot matching the status exists, so other slotted content is not rendered at all.
    const slots = status === 'signed-in' || status === 'signed-out' ? [this.#slots[status], this.#slots.default] : [this.#slots.default];
    this.shadowRoot!.replaceChildren(...slots);
  }

  #optionsKey(): string {
    return JSON.stringify(sessionOptions(this));
  }

  /** The headers property, read at every token request (so it may change without a new session). */
  #headers = () => {
    const { headers } = this;
    return typeof headers === 'function' ? headers() : (headers ?? {});
  };

  #connect() {
    this.#configError = null;
    this.#connectedWith = this.#optionsKey();
    try {
      // No endpoint yet (frameworks such as Angular set it after connecting the element): `loading`, no error.
      if (this.endpoint) {
        this.#session = acquireSession(this, this.#headers);
        SESSION_EVENTS.forEach((type) => this.#session!.addEventListener(type, this.#forward));
      }
      this.#announceStatus(this.#session ? undefined : 'loading');
    } catch (error) {
      // A misconfigured element reports itself instead of throwing from the parser's connectedCallback.
      this.#configError = error as SessionTokenError;
      this.#announceStatus('error');
      this.dispatchEvent(new TokenErrorEvent({ error: error as SessionTokenError, willRetry: false }));
    }
    connections.forEach((notify) => notify(this));
    connections.clear();
  }

  #disconnect() {
    const session = this.#session;
    if (!session) return;
    this.#session = null;
    SESSION_EVENTS.forEach((type) => session.removeEventListener(type, this.#forward));
    releaseSession(session);
  }

  /** Brings `_status` and the attribute to `status` (the attribute also when first connected, still `loading`); true when it changed. */
  #reflectStatus(status = this.status): boolean {
    const changed = status !== this.#status;
    this.#status = status;
    if (changed) this.#render();
    // Reflected at once (not at the next render), so code that awaited refresh() reads the new value.
    this.setAttribute('status', status);
    return changed;
  }

  /** A status change the session does not announce (this element joined another session, or has none). */
  #announceStatus(status?: Status) {
    if (this.#reflectStatus(status)) this.dispatchEvent(new StatusChangeEvent({ status: this.#status }));
  }
}


function slot(name?: string): HTMLSlotElement {
  const element = document.createElement('slot');
  if (name) element.name = name;
  return element;
}
