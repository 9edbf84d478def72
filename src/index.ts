// ESM entry. Importing it defines <session-token> (a declared side effect in package.json).
import './define.js';

export { SessionTokenElement } from './element/session-token.js';
export { defineSessionToken } from './define.js';
export { createSession, type Session, type SessionOptions } from './core/session.js';
export { SessionTokenError, type ErrorCode } from './core/errors.js';
export {
  Status, TokenUpdateEvent, TokenErrorEvent, SignedOutEvent, StatusChangeEvent,
  type TokenUpdateDetail, type TokenErrorDetail, type SignedOutDetail, type StatusChangeDetail,
} from './core/events.js';
export type { TokenClaims } from './core/token.js';
export type { Clock } from './core/clock.js';
export { version } from './version.js';
