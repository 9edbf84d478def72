// IIFE entry (dist/session-token.js): defines the element and `window.SessionToken`; with
// `data-endpoint` on its script tag it also starts a session with no element, reporting on `document`.
import './define.js';
import { SessionTokenError } from './core/errors.js';
import { cloneEvent, TokenErrorEvent, type SessionEventType } from './core/events.js';
import { createSession } from './core/session.js';
import type { GetTokenOptions, Session } from './core/session-types.js';
import { acquireSession } from './element/registry.js';
import { SessionTokenElement } from './element/session-token.js';
import { version } from './version.js';

const script = document.currentScript as HTMLScriptElement | null;
let scriptSession: Session | null = null;
let scriptError: SessionTokenError | null = null;
try {
  scriptSession = startScriptSession(script?.dataset);
} catch (error) {
  // A bad data-endpoint must not stop the element and the global from being defined: report it instead.
  scriptError = error as SessionTokenError;
  document.dispatchEvent(new TokenErrorEvent({ error: scriptError, willRetry: false }));
}

/** data-endpoint, data-cookie-name, … carry the element's attribute names: dataset.cookieName is cookieName. */
function startScriptSession(data: DOMStringMap | undefined): Session | null {
  if (!data?.endpoint) return null;
  const session = acquireSession(data);
  const types: SessionEventType[] = ['tokenupdate', 'tokenerror', 'signedout', 'statuschange'];
  types.forEach((type) => session.addEventListener(type, (event) => document.dispatchEvent(cloneEvent(event))));
  return session;
}

/** The script tag's session, else the first `<session-token>` in the document (once the document is parsed). */
async function getToken(options?: GetTokenOptions): Promise<string | null> {
  if (scriptError) throw scriptError;
  if (scriptSession) return scriptSession.getToken(options);
  if (document.readyState === 'loading') {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  const element = document.querySelector('session-token');
  if (!element) {
    throw new SessionTokenError('invalid-config', 'no session: add <session-token endpoint="…"> or data-endpoint on the script tag');
  }
  await customElements.whenDefined('session-token');
  return element.getToken(options);
}

const api = { getToken, SessionTokenElement, createSession, SessionTokenError, version };
const global = globalThis as typeof globalThis & { SessionToken?: typeof api };
global.SessionToken ??= api;

declare global {
  interface Window {
    SessionToken: typeof api;
  }
}
