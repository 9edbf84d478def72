// Mirrors the token into a cookie for server-rendered pages. The cookie is written on every adopted token
// and removed only on a confirmed sign-out: a network error, a 5xx, an abort or a bad body never touch it.

export interface CookieJar {
  write(name: string, value: string, maxAgeSeconds: number): void;
  remove(name: string): void;
}

// RFC 6265 cookie-name: an HTTP token.
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const isValidCookieName = (name: string) => COOKIE_NAME.test(name);

/** The `Set-Cookie`-style string for `document.cookie`: path=/, SameSite=Lax, Secure on https. */
export function cookieString(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor(maxAgeSeconds));
  return `${name}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function documentCookieJar(doc: Document | undefined): CookieJar {
  const secure = () => doc?.location?.protocol === 'https:';
  return {
    write(name, value, maxAgeSeconds) {
      if (doc) doc.cookie = cookieString(name, value, maxAgeSeconds, secure());
    },
    remove(name) {
      if (doc) doc.cookie = cookieString(name, '', 0, secure());
    },
  };
}
