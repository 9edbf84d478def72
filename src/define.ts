import { SessionTokenElement } from './element/session-token.js';
import type { SignedOutEvent, StatusChangeEvent, TokenErrorEvent, TokenUpdateEvent } from './core/events.js';

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
}
