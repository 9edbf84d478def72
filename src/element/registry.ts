import { endpointOf } from '../core/environment.js';
import { createSession, type Session } from '../core/session.js';
import { sessionOptions, type SessionAttributes } from './attributes.js';

// Every element (and the script tag) on a page with the same resolved endpoint and the same options
// shares one session: one cache, one poller, one request in flight. An element that sets nothing but the
// endpoint (a CMS block beside the site's own element) joins whichever session the endpoint has. An
// element with other options (a `jwks` check, another cookie) gets a session of its own, which
// coordinates with the first as another tab would (one refresh at a time, tokens shared), so no element
// silently runs with options it did not ask for. The last user to release a session disposes it. The map lives on a global symbol so that a
// second copy of the script on the page joins the same sessions instead of starting a second refresher.
const symbol = Symbol.for('session-token.sessions');
const holder = globalThis as typeof globalThis & { [symbol]?: Map<string, { session: Session; users: number }> };
const shared = (holder[symbol] ??= new Map());

/** `headers` is read at every request, from whoever started the session: it does not choose one. */
export function acquireSession(attributes: SessionAttributes, headers?: () => Record<string, string>): Session {
  const options = sessionOptions(attributes, headers);
  const endpoint = endpointOf(options);
  // The initial token seeds whichever session is there: it is not a setting.
  const key = JSON.stringify({ ...options, endpoint, initialToken: 0 });
  const bare = key === JSON.stringify({ ...sessionOptions({}), endpoint, initialToken: 0 });
  const entry = shared.get(key) ?? (bare ? [...shared.values()].find((other) => other.session.endpoint === endpoint) : undefined);
  if (entry) {
    entry.users++;
    return entry.session;
  }
  const session = createSession(options);
  shared.set(key, { session, users: 1 });
  return session;
}

export function releaseSession(session: Session): void {
  for (const [key, entry] of shared) {
    if (entry.session !== session || --entry.users > 0) continue;
    // Disposed a microtask later, so an element moved in the DOM (removed and inserted again in one
    // task, as frameworks do) keeps its session, its token and its request in flight.
    queueMicrotask(() => {
      if (entry.users > 0 || shared.get(key) !== entry) return;
      shared.delete(key);
      session.dispose();
    });
  }
}
