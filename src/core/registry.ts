import { endpointOf } from './environment.js';
import { createSession, type Session, type SessionOptions } from './session.js';

// Every element (and the script tag) on a page with the same resolved endpoint shares one session:
// one cache, one poller, one request in flight. The last user to release it disposes it. A different
// `jwks` makes a different session, so an element asking for signature checks never shares one without.
// The map lives on a global symbol so that a second copy of the script on the page joins the same
// sessions instead of starting a second refresher.
type Registry = Map<string, { session: Session; users: number }>;
const symbol = Symbol.for('session-token.sessions');
const holder = globalThis as typeof globalThis & { [symbol]?: Registry };
const shared: Registry = (holder[symbol] ??= new Map());
const keys = new WeakMap<Session, string>();

export function acquireSession(options: SessionOptions): Session {
  const key = `${endpointOf(options)} ${options.jwks ?? ''}`;
  const entry = shared.get(key);
  if (entry) {
    entry.users++;
    return entry.session;
  }
  const session = createSession(options);
  shared.set(key, { session, users: 1 });
  keys.set(session, key);
  return session;
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
