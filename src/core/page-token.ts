// Tokens that reach a page without a request (contract §6): the one the server rendered into it, and the
// one a previous page of this site mirrored into `cookie-name`. The mirrored cookie stays a plain JWS
// that servers read; a companion cookie `<name>-at` carries when the previous page's request for it was
// sent, on the local clock, so its life is counted from there, never by comparing the wall clock with
// `exp` (the token's own times come from the server's clock).
import { isValidCookieName, type CookieJar } from './cookie.js';
import type { Clock } from './clock.js';
import { SessionTokenError } from './errors.js';
import { parseToken, type Token } from './token.js';
import { usableUntil } from './zones.js';

/**
 * The token a new page starts with, and where it came from: the server-rendered one (its life counted
 * from the navigation start: the server minted it for this response), else the mirrored cookie's.
 */
export function pageToken(initial: string | undefined, pageStart: number, mirror: CookieMirror | null, now: number): [Token, 'initial' | 'cookie'] | null {
  const fromPage = initial ? usable(() => parseToken(initial, pageStart), now) : null;
  const fromCookie = fromPage ? null : mirror?.read();
  return fromPage ? [fromPage, 'initial'] : fromCookie ? [fromCookie, 'cookie'] : null;
}

export interface CookieMirror {
  /** Writes the token and its receipt, for as long as the token lives. */
  write(token: Token): void;
  /** A confirmed sign-out: both cookies go. */
  clear(): void;
  /**
   * The mirrored token, when exactly one such cookie is visible (two mean one was planted, by a sibling
   * subdomain or on another path: neither is trusted) and its receipt belongs to it; else null.
   */
  read(): Token | null;
}

export function createCookieMirror(jar: CookieJar, name: string | null | undefined, clock: Clock): CookieMirror | null {
  if (name == null) return null;
  if (!isValidCookieName(name)) throw new SessionTokenError('invalid-config', `cookie-name "${name}" is not a cookie name`);
  const receipt = `${name}-at`;
  return {
    write(token) {
      const maxAge = (token.expiresAt - clock.now()) / 1000;
      jar.write(name, token.jws, maxAge);
      // Bound to the token by the end of its signature, so a receipt never dates another token.
      jar.write(receipt, `${token.localIat}.${token.jws.slice(-16)}`, maxAge);
    },
    clear() {
      jar.remove(name);
      jar.remove(receipt);
    },
    read() {
      const [jws, ...others] = jar.read(name);
      const [sent, ...more] = jar.read(receipt);
      const [localIat, tail] = sent?.split('.') ?? [];
      const at = Number(localIat);
      if (!jws || others.length || more.length || !(at <= clock.now()) || tail?.length !== 16 || !jws.endsWith(tail)) return null;
      return usable(() => parseToken(jws, at), clock.now());
    },
  };
}

function usable(parse: () => Token, now: number): Token | null {
  try {
    const token = parse();
    return now < usableUntil(token) ? token : null;
  } catch {
    return null; // Not a token this page can use: it fetches one instead.
  }
}
