// An element's callers (getToken(), fetch()) are answered by whatever session the element has when it
// can answer: none is dropped because an attribute changed or the endpoint is not set yet.
import { systemClock } from '../core/clock.js';
import { SessionTokenError } from '../core/errors.js';
import type { Session } from '../core/session-types.js';

/** Waiting for the next element to connect or take new options: its callers, and SessionToken.getToken() for the first. */
export const connections = new Set<(element: Element) => void>();

/** What a caller needs of the element: its session now, why it has none, whether it is in the document. */
export interface SessionHolder {
  session(): Session | null;
  configError(): SessionTokenError | null;
  connected(): boolean;
}

/**
 * `call` on the holder's session, within `timeout` ms. With no session yet (no endpoint, not connected)
 * the caller waits for one. A session disposed under the call (an attribute change moved the element to
 * another session) hands the caller on to the session that replaced it: no caller is dropped.
 */
export async function route<T>(holder: SessionHolder, call: (session: Session, timeout: number) => Promise<T>, timeout: number): Promise<T> {
  const deadline = systemClock.now() + timeout;
  for (let session; ; ) {
    while (!(session = holder.session())) {
      const left = deadline - systemClock.now();
      const error = holder.configError();
      if (error || !(left > 0)) throw error ?? new SessionTokenError('invalid-config', `<session-token> ${holder.connected() ? 'has no endpoint' : 'is not connected'}`);
      await new Promise<void>((wake) => (connections.add(wake as () => void), systemClock.setTimeout(wake, left)));
    }
    try {
      return await call(session, deadline - systemClock.now());
    } catch (error) {
      if ((error as SessionTokenError).code !== 'aborted' || session === holder.session()) throw error;
    }
  }
}
