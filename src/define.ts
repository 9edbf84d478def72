import { SessionTokenElement } from './element/session-token.js';
import type { SessionEventMap, SignedOutEvent, StatusChangeEvent, TokenErrorEvent, TokenUpdateEvent } from './core/events.js';

/** Registers `<session-token>` once; a second copy of the script finds it defined and leaves it be. */
export function defineSessionToken(registry: CustomElementRegistry | undefined = globalThis.customElements): void {
  if (registry && !registry.get('session-token')) registry.define('session-token', SessionTokenElement);
}

defineSessionToken();

declare global {
  interface HTMLElementTagNameMap {
    'session-token': SessionTokenElement;
  }
  interface HTMLElementEventMap {
    tokenupdate: TokenUpdateEvent;
    tokenerror: TokenErrorEvent;
    signedout: SignedOutEvent;
    statuschange: StatusChangeEvent;
  }
  // The events bubble (composed) up to `document` and `window`, whose addEventListener reads these
  // maps, not HTMLElementEventMap; the script tag's session dispatches on `document` itself.
  interface DocumentEventMap extends SessionEventMap {}
  interface WindowEventMap extends SessionEventMap {}
}
