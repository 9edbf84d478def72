// Mirrors the token into a cookie for server-rendered pages. The cookie is written on every adopted token
// and removed only on a confirmed sign-out: a network error, a 5xx, an abort or a bad body never touch it.
// It is never rewritten from memory: a server that cleared it (its sign-out) must not see it come back.
import { SessionTokenError } from './errors.js';

export interface CookieJar {
  write(name: string, value: string, maxAgeSeconds: number): void;
  remove(name: string): void;
  /** Every value the page sees under `name` (more than one when another path or domain planted one). */
  read(name: string): string[];
}

// RFC 6265 cookie-name: an HTTP token.
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const isValidCookieName = (name: string) => COOKIE_NAME.test(name);

/**
 * The `Set-Cookie`-style string for `document.cookie`: path=/, SameSite=Lax, Secure on https and for the
 * `__Host-`/`__Secure-` prefixes (which browsers accept only so, on https or localhost).
 */
export function cookieString(name: string, value: string, maxAgeSeconds: number, https: boolean): string {
  const maxAge = Math.max(0, Math.floor(maxAgeSeconds));
  const secure = https || /^__(Host|Secure)-/.test(name);
  return `${name}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Values of the cookie `name` in `document.cookie`, URL-decoded where they were encoded. */
export function readCookie(doc: Document | undefined, name: string): string[] {
  const values: string[] = [];
  for (const pair of doc?.cookie.split('; ') ?? []) {
    const at = pair.indexOf('=');
    if (pair.slice(0, at) !== name) continue;
    try {
      values.push(decodeURIComponent(pair.slice(at + 1)));
    } catch {
      values.push(pair.slice(at + 1));
    }
  }
  return values;
}

/**
 * The page's own cookies. A cookie the browser refuses (WebKit refuses `Secure` on http://localhost; a
 * server's HttpOnly cookie of the same name; blocked cookies) is read back and reported, never silently lost.
 */
export function documentCookieJar(doc: Document | undefined): CookieJar {
  const https = () => doc?.location?.protocol === 'https:';
  return {
    write(name, value, maxAgeSeconds) {
      if (!doc) return;
      doc.cookie = cookieString(name, value, maxAgeSeconds, https());
      if (maxAgeSeconds >= 1 && !readCookie(doc, name).includes(value)) {
        const hint = /^__(Host|Secure)-/.test(name) && !https() ? 'a __Host-/__Secure- name needs https' : 'cookies blocked, or a server cookie of that name';
        throw new SessionTokenError('invalid-config', `cookie-name: the browser refused "${name}" (${hint}): not mirrored`);
      }
    },
    remove(name) {
      if (doc) doc.cookie = cookieString(name, '', 0, https());
    },
    read: (name) => readCookie(doc, name),
  };
}
