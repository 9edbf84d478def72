// Tokens that reach a page without a request (contract §6): the one the server rendered into it, and the
// one a previous page of this site mirrored into `cookie-name`. The mirrored cookie stays a plain JWS
// that servers read; a companion cookie `<name>-at` carries when the previous page's request for it was
// sent, on the local clock, so its life is counted from there, never by comparing the wall clock with
// `exp` (the token's own times come from the server's clock).
import { isValidCookieName, type CookieJar } from './cookie.js';
import type { Clock } from './clock.js';
import { SessionTokenError } from './errors.js';
import { parseToken, replaces, type Token } from './token.js';
import { usableUntil } from './zones.js';

/**
 * The token a new page starts with, and where it came from: the server-rendered one (its life counted
 * from the navigation start: the server minted it for this response), else the mirrored cookie's. The
 * cookie's wins when it holds a newer token of the same session (another tab refreshed since the server
 * rendered the page); when it holds the same token, the life counts from its receipt if that is earlier
 * (the server echoed the cookie it got).
 */
export function pageToken(initial: string | undefined, pageStart: number, mirror: CookieMirror | null, now: number): [Token, 'initial' | 'cookie'] | null {
  const held = mirror?.held();
  const fromPage = initial ? usable(() => parseToken(initial, held?.jws === initial && held.localIat < pageStart ? held.localIat : pageStart), now) : null;
  const fromCookie = held && usable(() => held, now);
  return fromPage && !(fromCookie && replaces(fromCookie, fromPage)) ? [fromPage, 'initial'] : fromCookie ? [fromCookie, 'cookie'] : null;
}

export interface CookieMirror {
  /**
   * Writes the token and its receipt, for as long as the token lives, unless that would make the cookie
   * worse: it never replaces a newer token of the same session, and keeps an earlier receipt of the same token.
   */
  write(token: Token): void;
  /** A confirmed sign-out: both cookies go. */
  clear(): void;
  /** The mirrored token while it is usable (see held()); else null. */
  read(): Token | null;
  /**
   * The mirrored token, usable or not, when exactly one such cookie is visible (two mean one was planted,
   * by a sibling subdomain or on another path: neither is trusted) and its receipt belongs to it; else null.
   */
  held(): Token | null;
}

export function createCookieMirror(jar: CookieJar, name: string | null | undefined, clock: Clock): CookieMirror | null {
  if (name == null) return null;
  if (!isValidCookieName(name)) throw new SessionTokenError('invalid-config', `cookie-name "${name}" is not a cookie name`);
  const receipt = `${name}-at`;
  const held = () => {
    const [jws, ...others] = jar.read(name);
    const [sent, ...more] = jar.read(receipt);
    const [localIat, tail] = sent?.split('.') ?? [];
    const at = Number(localIat);
    if (!jws || others.length || more.length || !(at <= clock.now()) || tail?.length !== 16 || !jws.endsWith(tail)) return null;
    return usable(() => parseToken(jws, at), -Infinity);
  };
  return {
    write(token) {
      const mirrored = held();
      if (mirrored && replaces(mirrored, token)) return;
      const maxAge = (token.expiresAt - clock.now()) / 1000;
      // Whole ms (a navigation start is fractional; the format is `<ms>.<tail>`), rounded down: earlier is safer.
      const localIat = Math.floor(mirrored?.jws === token.jws ? Math.min(mirrored.localIat, token.localIat) : token.localIat);
      jar.write(name, token.jws, maxAge);
      // Bound to the token by the end of its signature, so a receipt never dates another token.
      jar.write(receipt, `${localIat}.${token.jws.slice(-16)}`, maxAge);
    },
    clear() {
      jar.remove(name);
      jar.remove(receipt);
    },
    read: () => usable(held, clock.now()),
    held,
  };
}

/** The token `parse` gives while it is usable at `now`; null when it is not, or is not a token. */
function usable(parse: () => Token | null, now: number): Token | null {
  try {
    const token = parse();
    return token && now < usableUntil(token) ? token : null;
  } catch {
    return null; // Not a token this page can use: it fetches one instead.
  }
}
