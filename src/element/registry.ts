import { endpointOf } from '../core/environment.js';
import { SessionTokenError } from '../core/errors.js';
import { createSession, type Session, type SessionOptions } from '../core/session.js';
import { attributeName, explicitAttributes, sessionOptions, type SessionAttributes } from './attributes.js';

// Every element (and the script tag) on a page with the same resolved endpoint shares one session:
// one cache, one poller, one request in flight. The last user to release it disposes it. A user that
// leaves an option unset takes the session's; one that sets it differently gets `invalid-config` naming
// the option, never a session that silently ignores it (e.g. a `jwks` check skipped).
// The map lives on a global symbol so that a second copy of the script on the page joins the same
// sessions instead of starting a second refresher.
interface Entry {
  session: Session;
  users: number;
  attributes: Map<string, string>;
  headers: SessionOptions['headers'];
}
const symbol = Symbol.for('session-token.sessions');
const holder = globalThis as typeof globalThis & { [symbol]?: Map<string, Entry> };
const shared = (holder[symbol] ??= new Map());
const keys = new WeakMap<Session, string>();

export function acquireSession(attributes: SessionAttributes, headers?: SessionOptions['headers']): Session {
  const options = sessionOptions(attributes, headers);
  const key = endpointOf(options);
  const wanted = explicitAttributes(attributes);
  // The endpoint is the key; the initial token seeds whichever session is there: neither is a setting to agree on.
  wanted.delete('initialToken');
  wanted.delete('endpoint');
  const entry = shared.get(key);
  if (entry && entry.users === 0 && conflict(entry, wanted, headers)) {
    // Released in this task and not disposed yet (an attribute changed on the only element): replace it.
    shared.delete(key);
    entry.session.dispose();
  } else if (entry) {
    const name = conflict(entry, wanted, headers);
    if (name) {
      const theirs = entry.attributes.get(name);
      throw new SessionTokenError(
        'invalid-config',
        `${attributeName(name)}${name === 'headers' ? '' : `="${wanted.get(name)}"`} differs from the session another element or the script tag started for ${key}` +
          ` (${theirs === undefined ? 'unset' : `"${theirs}"`}): give every <session-token> of one endpoint the same options`,
      );
    }
    entry.users++;
    return entry.session;
  }
  const session = createSession(options);
  shared.set(key, { session, users: 1, attributes: wanted, headers });
  keys.set(session, key);
  return session;
}

/** The first option `wanted` sets that the entry's session does not have, or null. */
function conflict(entry: Entry, wanted: Map<string, string>, headers: SessionOptions['headers']): string | null {
  for (const [name, value] of wanted) if (entry.attributes.get(name) !== value) return name;
  return headers !== undefined && headers !== entry.headers ? 'headers' : null;
}

export function releaseSession(session: Session): void {
  const key = keys.get(session);
  const entry = key === undefined ? undefined : shared.get(key);
  if (!entry || entry.session !== session) return;
  // Disposed a microtask later, so an element moved in the DOM (removed and inserted again in one
  // task, as frameworks do) keeps its session, its token and its request in flight.
  if (--entry.users === 0) {
    queueMicrotask(() => {
      if (entry.users > 0 || shared.get(key!) !== entry) return;
      shared.delete(key!);
      session.dispose();
    });
  }
}
