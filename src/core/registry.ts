import { createSession, resolveEndpoint, type Session, type SessionOptions } from './session.js';

// Every element (and the script tag) on a page with the same resolved endpoint shares one session:
// one cache, one poller, one request in flight. The last user to release it disposes it.
// The map lives on a global symbol so that a second copy of the script on the page joins the same sessions
// instead of starting a second refresher.
type Registry = Map<string, { session: Session; users: number }>;
const key = Symbol.for('session-token.sessions');
const holder = globalThis as typeof globalThis & { [key]?: Registry };
const shared: Registry = (holder[key] ??= new Map());

export function acquireSession(options: SessionOptions): Session {
  const entry = shared.get(resolveEndpoint(options.endpoint, options.baseUrl));
  if (entry) {
    entry.users++;
    return entry.session;
  }
  const session = createSession(options);
  shared.set(session.endpoint, { session, users: 1 });
  return session;
}

export function releaseSession(session: Session): void {
  const entry = shared.get(session.endpoint);
  if (!entry || entry.session !== session) return;
  if (--entry.users === 0) {
    shared.delete(session.endpoint);
    session.dispose();
  }
}
