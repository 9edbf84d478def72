import type { SessionTokenError } from './errors.js';
import type { TokenClaims } from './token.js';

export const Status = {
  loading: 'loading',
  signedIn: 'signed-in',
  signedOut: 'signed-out',
  offline: 'offline',
  error: 'error',
} as const;
export type Status = (typeof Status)[keyof typeof Status];

export interface TokenUpdateDetail {
  /** The new token: never empty. */
  token: string;
  claims: TokenClaims;
  /** ms epoch on the local clock. */
  expiresAt: number;
  source: 'fetch' | 'broadcast' | 'initial' | 'cookie';
}
export interface TokenErrorDetail {
  error: SessionTokenError;
  willRetry: boolean;
}
export interface SignedOutDetail {
  reason: 'unauthorized' | 'broadcast';
}
export interface StatusChangeDetail {
  status: Status;
}

// Typed Event subclasses rather than CustomEvent: `detail` is typed, and `bubbles`/`composed` are always
// set, so one instance type serves the core's EventTarget and the element's re-dispatch alike.
abstract class SessionEvent<T> extends Event {
  readonly detail: T;
  constructor(type: string, detail: T) {
    super(type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
export class TokenUpdateEvent extends SessionEvent<TokenUpdateDetail> {
  constructor(detail: TokenUpdateDetail) {
    super('tokenupdate', detail);
  }
}
export class TokenErrorEvent extends SessionEvent<TokenErrorDetail> {
  constructor(detail: TokenErrorDetail) {
    super('tokenerror', detail);
  }
}
export class SignedOutEvent extends SessionEvent<SignedOutDetail> {
  constructor(detail: SignedOutDetail) {
    super('signedout', detail);
  }
}
export class StatusChangeEvent extends SessionEvent<StatusChangeDetail> {
  constructor(detail: StatusChangeDetail) {
    super('statuschange', detail);
  }
}

export interface SessionEventMap {
  tokenupdate: TokenUpdateEvent;
  tokenerror: TokenErrorEvent;
  signedout: SignedOutEvent;
  statuschange: StatusChangeEvent;
}
export type SessionEventType = keyof SessionEventMap;
export const SESSION_EVENTS: SessionEventType[] = ['tokenupdate', 'tokenerror', 'signedout', 'statuschange'];

/** Re-creates a session event for dispatch on another target (an element or `document`). */
export function cloneEvent(event: SessionEventMap[SessionEventType]): Event {
  const Ctor = event.constructor as new (detail: unknown) => Event;
  return new Ctor(event.detail);
}
