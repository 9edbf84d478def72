// IIFE entry (dist/session-token.js): defines the element and `window.SessionToken`; with
// `data-endpoint` on its script tag it also starts a session with no element, reporting on `document`.
import './define.js';
import { SessionTokenError } from './core/errors.js';
import { cloneEvent, SESSION_EVENTS, TokenErrorEvent } from './core/events.js';
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
  SESSION_EVENTS.forEach((type) => session.addEventListener(type, (event) => document.dispatchEvent(cloneEvent(event))));
  return session;
}

/** The script tag's session, else the first `<session-token>` in the document (once the document is parsed). */
async function owner(): Promise<Pick<Session, 'getToken' | 'fetch'>> {
  if (scriptError) throw scriptError;
  if (scriptSession) return scriptSession;
  if (document.readyState === 'loading') {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  const element = document.querySelector('session-token');
  if (!element) {
    throw new SessionTokenError('invalid-config', 'no <session-token> and no data-endpoint on the script tag');
  }
  // Defined by this very script (or the copy before it), so already upgraded.
  return element;
}

const getToken = async (options?: GetTokenOptions) => (await owner()).getToken(options);
const fetch: typeof globalThis.fetch = async (input, init) => (await owner()).fetch(input, init);

const api = { getToken, fetch, SessionTokenElement, createSession, SessionTokenError, version };
const global = globalThis as typeof globalThis & { SessionToken?: typeof api };
global.SessionToken ??= api;

declare global {
  interface Window {
    SessionToken: typeof api;
  }
}
