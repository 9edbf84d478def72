// IIFE entry (dist/session-token.js): defines the element and `window.SessionToken`; with
// `data-endpoint` on its script tag it also starts a session with no element, reporting on `document`.
import './define.js';
import { SessionTokenError } from './core/errors.js';
import { cloneEvent, SESSION_EVENTS, TokenErrorEvent } from './core/events.js';
import { createSession } from './core/session.js';
import type { GetTokenOptions, Session } from './core/session-types.js';
import { systemClock } from './core/clock.js';
import { DEFAULT_TIMEOUT_MS } from './core/state.js';
import { acquireSession } from './element/registry.js';
import { connections } from './element/callers.js';
import { SessionTokenElement } from './element/session-token.js';
import { version } from './version.js';

const toDocument = Symbol.for('session-token.to-document');
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
  // A second copy of the script joins the first one's session (registry.ts) and adds the same listener,
  // which the session's EventTarget keeps once: each event reaches `document` once.
  const holder = globalThis as typeof globalThis & { [toDocument]?: (event: Event) => void };
  const forward = (holder[toDocument] ??= (event) => document.dispatchEvent(cloneEvent(event as Parameters<typeof cloneEvent>[0])));
  SESSION_EVENTS.forEach((type) => session.addEventListener(type, forward));
  return session;
}

/**
 * The script tag's session, else the first `<session-token>` in the document, or the first one connected
 * (a framework may add it after DOMContentLoaded) before `deadline`; else `invalid-config`.
 */
async function owner(deadline: number): Promise<Pick<Session, 'getToken' | 'fetch'>> {
  if (scriptError) throw scriptError;
  return (
    scriptSession ??
    document.querySelector('session-token') ??
    new Promise((resolve, reject) => {
      connections.add(resolve as never); // the element that connects: it has getToken() and fetch()
      systemClock.setTimeout(
        () => reject(new SessionTokenError('invalid-config', 'no <session-token> and no data-endpoint on the script tag')),
        deadline - systemClock.now(), // the clock holds even Infinity (clock.ts)
      );
    })
  );
}

const within = (timeout = DEFAULT_TIMEOUT_MS) => systemClock.now() + timeout;
const getToken = async (options?: GetTokenOptions) => {
  const deadline = within(options?.timeout);
  return (await owner(deadline)).getToken({ ...options, timeout: deadline - systemClock.now() });
};
const fetch: typeof globalThis.fetch = async (input, init) => (await owner(within())).fetch(input, init);

const api = { getToken, fetch, SessionTokenElement, createSession, SessionTokenError, version };
const global = globalThis as typeof globalThis & { SessionToken?: typeof api };
global.SessionToken ??= api;

declare global {
  interface Window {
    SessionToken: typeof api;
  }
}
