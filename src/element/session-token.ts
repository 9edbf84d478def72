import { css, ReactiveElement, type PropertyValues } from 'lit';
import { SessionTokenError } from '../core/errors.js';
import { cloneEvent, TokenErrorEvent, type SessionEventType, type Status } from '../core/events.js';
import { acquireSession, releaseSession } from '../core/registry.js';
import type { Session } from '../core/session.js';
import type { TokenClaims } from '../core/token.js';

const forwarded: SessionEventType[] = ['tokenupdate', 'tokenerror', 'signedout', 'statuschange'];
const sessionAttributes = ['endpoint', 'refreshThreshold', 'cookieName', 'jwks', 'crossOrigin'] as const;

/**
 * `<session-token endpoint="/api/token">`: keeps a session JWT fresh. A thin layer over the shared core:
 * attributes choose the session, its events are re-dispatched here (bubbling, composed).
 * It has no shadow parts and no styles of its own (`display: contents`): only slotted content shows.
 *
 * @tagname session-token
 * @summary Keeps a short-lived session JWT fresh and shows content by sign-in status.
 *
 * @attr {string} endpoint - Token endpoint URL (required), resolved against the page URL. Elements with the same resolved endpoint share one session.
 * @attr {number} [refresh-threshold=15] - Seconds before expiry at which the token turns stale and is refreshed in the background; values below 5 are raised to 5.
 * @attr {string} cookie-name - When set, every new token is written to this cookie (path=/, SameSite=Lax, Secure on https); it is removed only on confirmed sign-out.
 * @attr {string} jwks - When set, a token is adopted only after its signature verifies against this JWKS URL.
 * @attr {boolean} cross-origin - Allows an endpoint on another origin; without it such an endpoint is refused, so credentials never go to a third party silently.
 * @attr {'loading' | 'signed-in' | 'signed-out' | 'offline' | 'error'} status - Set by the element, not by you: reflects `status` for CSS, e.g. `session-token[status="signed-in"]`.
 *
 * @prop token - The current token while it has more than 5 s to live, else `null`.
 * @prop claims - The current token's decoded payload, or `null`.
 * @prop expiresAt - When the current token expires, in ms since the epoch on the local clock, or `null`.
 * @prop status - `'loading' | 'signed-in' | 'signed-out' | 'offline' | 'error'`.
 *
 * @fires {TokenUpdateEvent} tokenupdate - A new token was adopted. `detail`: `{ token, claims, expiresAt, source: 'fetch' | 'broadcast' }`.
 * @fires {TokenErrorEvent} tokenerror - A fetch failed or a token was refused. `detail`: `{ error: SessionTokenError, willRetry: boolean }`.
 * @fires {SignedOutEvent} signedout - The endpoint confirmed the session is gone (401/403/404), or another tab learnt it. `detail`: `{ reason: 'unauthorized' | 'broadcast' }`.
 * @fires {StatusChangeEvent} statuschange - `status` changed. `detail`: `{ status }`.
 *
 * @slot - always shown
 * @slot signed-in - shown while `status` is `signed-in`
 * @slot signed-out - shown while `status` is `signed-out`
 */
// ReactiveElement (lit's base class: reactive, reflected properties) rather than LitElement: the shadow
// root is three slots and never needs a template engine, which keeps lit-html out of the bundle.
export class SessionTokenElement extends ReactiveElement {
  static override properties = {
    endpoint: { type: String, reflect: true },
    refreshThreshold: { type: Number, attribute: 'refresh-threshold', reflect: true },
    cookieName: { type: String, attribute: 'cookie-name', reflect: true },
    jwks: { type: String, reflect: true },
    crossOrigin: { type: Boolean, attribute: 'cross-origin', reflect: true },
    _status: { state: true },
  };

  static override styles = css`
    :host {
      display: contents;
    }
  `;

  declare endpoint: string | null;
  declare refreshThreshold: number | null;
  declare cookieName: string | null;
  declare jwks: string | null;
  declare crossOrigin: boolean;
  declare _status: Status;

  #session: Session | null = null;
  /** Why the attributes could not make a session (reported as tokenerror, and by getToken()). */
  #configError: SessionTokenError | null = null;
  #slots = { 'signed-in': slot('signed-in'), 'signed-out': slot('signed-out'), default: slot() };
  #forward = (event: Event) => {
    this.dispatchEvent(cloneEvent(event as Parameters<typeof cloneEvent>[0]));
    if (event.type === 'statuschange') this.#syncStatus();
  };

  constructor() {
    super();
    this.endpoint = null;
    this.refreshThreshold = null;
    this.cookieName = null;
    this.jwks = null;
    this.crossOrigin = false;
    this._status = 'loading';
  }

  get status(): Status {
    return this._status;
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
  getToken(options?: { skipCache?: boolean }): Promise<string | null> {
    if (!this.#session) {
      return Promise.reject(this.#configError ?? new SessionTokenError('invalid-config', '<session-token> is not connected'));
    }
    return this.#session.getToken(options);
  }

  refresh(): Promise<string | null> {
    return this.getToken({ skipCache: true });
  }

  override connectedCallback() {
    super.connectedCallback();
    this.#connect();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (this.isConnected && this.hasUpdated && sessionAttributes.some((name) => changed.has(name))) {
      this.#disconnect();
      this.#connect();
    }
  }

  protected override updated() {
    const status = this._status;
    // Only the named slot matching the status exists, so other slotted content is not rendered at all.
    const slots = status === 'signed-in' || status === 'signed-out' ? [this.#slots[status], this.#slots.default] : [this.#slots.default];
    this.renderRoot.replaceChildren(...slots);
  }

  #connect() {
    this.#configError = null;
    try {
      this.#session = acquireSession({
        endpoint: this.endpoint ?? '',
        refreshThreshold: this.refreshThreshold,
        cookieName: this.cookieName,
        jwks: this.jwks,
        allowCrossOrigin: this.crossOrigin,
      });
    } catch (error) {
      // A misconfigured element reports itself instead of throwing from the parser's connectedCallback.
      this.#configError = error as SessionTokenError;
      this.#setStatus('error');
      this.dispatchEvent(new TokenErrorEvent({ error: error as SessionTokenError, willRetry: false }));
      return;
    }
    forwarded.forEach((type) => this.#session!.addEventListener(type, this.#forward));
    this.#syncStatus();
  }

  #disconnect() {
    const session = this.#session;
    if (!session) return;
    this.#session = null;
    forwarded.forEach((type) => session.removeEventListener(type, this.#forward));
    releaseSession(session);
  }

  #syncStatus() {
    if (this.#session) this.#setStatus(this.#session.status);
  }

  #setStatus(status: Status) {
    this._status = status;
    // Reflected at once (not at the next render), so code that awaited refresh() reads the new value.
    this.setAttribute('status', status);
  }
}

function slot(name?: string): HTMLSlotElement {
  const element = document.createElement('slot');
  if (name) element.name = name;
  return element;
}
