// What a page may not do: an opaque-origin (sandboxed) frame has no cookies and no Web Locks, an engine
// may refuse a cookie written from script. The session goes on without it and says so once, as a
// `tokenerror` of code `invalid-config` naming what is missing; no run dies of it, no caller is left waiting.
import { SessionTokenError } from './errors.js';
import type { CookieMirror } from './page-token.js';

/** `notice(what)` is the handler for one capability: the first failure of each is reported, later ones are not. */
export function createNotices(report: (error: SessionTokenError) => void) {
  const said = new Set<string>();
  return (what: string) => (cause: unknown) => {
    if (said.has(what)) return;
    said.add(what);
    report(cause instanceof SessionTokenError ? cause : new SessionTokenError('invalid-config', `${what} is not available here (a sandboxed frame?): going on without it`, { cause }));
  };
}

/** The mirror, with every failure of the page's cookies handed to `failed` instead of thrown (null returned). */
export function guardMirror(mirror: CookieMirror | null, failed: (cause: unknown) => void): CookieMirror | null {
  const safe =
    (operation: (...args: never[]) => unknown) =>
    (...args: never[]) => {
      try {
        return operation(...args);
      } catch (cause) {
        failed(cause);
        return null;
      }
    };
  return mirror && (Object.fromEntries(Object.entries(mirror).map(([name, operation]) => [name, safe(operation)])) as unknown as CookieMirror);
}
