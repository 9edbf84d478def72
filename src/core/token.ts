import { SessionTokenError } from './errors.js';
import { EXPIRY_MARGIN_MS } from './zones.js';

/** A JWT's payload: registered claims (RFC 7519) and whatever else the issuer put in. */
export interface TokenClaims {
  exp: number;
  iat: number;
  sub?: string;
  iss?: string;
  aud?: string | string[];
  jti?: string;
  nbf?: number;
  [claim: string]: unknown;
}

/** A token as held by a session: its claims plus its lifetime placed on the local clock. */
export interface Token {
  readonly jws: string;
  readonly claims: TokenClaims;
  /**
   * The token's `iat` on the local clock: when the request that brought it was sent. The token was minted
   * after that, so counting its lifetime from here never overestimates it, even after a slow response.
   */
  readonly localIat: number;
  /** Local-clock ms at which the token expires: `localIat + (exp − iat)`, so client clock skew does not matter. */
  readonly expiresAt: number;
}

/**
 * The longest lifetime (`exp − iat`) accepted, in seconds: 24 h, the longest default of common issuers
 * (Auth0's access tokens; Clerk, Firebase, Supabase and better-auth mint 1 min to 1 h). Past it a token is
 * not short-lived, and it catches `exp = iat + ttl` with the ttl in ms for any ttl above 86.4 s.
 */
export const MAX_LIFETIME_S = 86_400;

const invalid = (message: string, cause?: unknown) => new SessionTokenError('invalid-token', message, { cause });

/**
 * Decodes a compact JWS and places its lifetime on the local clock. Throws `invalid-token` for anything
 * that is not a JWT whose `iat` and `exp` are NumericDates more than 5 s and at most MAX_LIFETIME_S apart.
 * The signature is not checked here (see the `jwks` option).
 */
export function parseToken(jws: unknown, localIat: number): Token {
  let claims: Partial<TokenClaims>;
  try {
    const parts = (jws as string).split('.');
    if (parts.length !== 3 || decodePart(parts[0]).alg === 'none') throw new TypeError('not three parts, or alg "none"');
    claims = decodePart(parts[1]);
  } catch (cause) {
    throw invalid('the token is not a signed JWT (alg "none" is refused)', cause);
  }
  for (const name of ['iat', 'exp'] as const) {
    const value = claims[name];
    // 1e11 s is the year 5138; 1e11 ms is 1973.
    if (typeof value != 'number' || !(value >= 0 && value < Infinity)) throw invalid(`the token's "${name}" is not a NumericDate`);
    if (value >= 1e11) throw invalid(`the token's "${name}" looks like milliseconds`);
  }
  const lifetime = claims.exp! - claims.iat!;
  // A token that lives no longer than the expiry margin could never be handed out; fetching it again and
  // again would only hammer the endpoint.
  if (lifetime * 1000 <= EXPIRY_MARGIN_MS || lifetime > MAX_LIFETIME_S) throw invalid('the token\'s "exp" is not 5 s to 24 h after "iat"');
  return { jws: jws as string, claims: claims as TokenClaims, localIat, expiresAt: localIat + lifetime * 1000 };
}

/**
 * The JSON object in one base64url part of a compact JWS. Decoding only: jose's decodeJwt does the same
 * and more checking we do not need, for 700 B gzip of the 10 KB one-file bundle (signatures are checked
 * with jose, in the `jwks` bundle).
 */
function decodePart(part: string): Partial<TokenClaims> {
  // atob() is forgiving about the padding that base64url leaves out, and throws on anything else.
  const bytes = Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
  const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new TypeError('not a JSON object');
  return value;
}

/**
 * True when `candidate` may replace `held`: nothing is held, or it belongs to the same signed-in session
 * (same `sid` and `sub`) and is newer: a later `iat`, or within the same second the one that lives longer.
 */
export function replaces(candidate: Token, held: Token | null): boolean {
  if (!held) return true;
  const [a, b] = [candidate.claims, held.claims];
  return a.sid === b.sid && a.sub === b.sub && candidate.jws !== held.jws && a.iat >= b.iat && (a.iat > b.iat || candidate.expiresAt > held.expiresAt);
}
