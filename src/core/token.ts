import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { SessionTokenError } from './errors.js';
import { EXPIRY_MARGIN_MS } from './zones.js';

export interface TokenClaims extends JWTPayload {
  exp: number;
  iat: number;
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

const invalid = (message: string, cause?: unknown) => new SessionTokenError('invalid-token', message, { cause });

/**
 * Decodes a compact JWS and places its lifetime on the local clock. Throws `invalid-token` for anything
 * that is not a JWT with numeric `exp` and `iat` and a positive lifetime. The signature is not checked here
 * (see the `jwks` option).
 */
export function parseToken(jws: unknown, localIat: number): Token {
  if (typeof jws !== 'string' || jws.length === 0) throw invalid('the endpoint sent no token');
  let claims: JWTPayload;
  try {
    if (decodeProtectedHeader(jws).alg === 'none') throw invalid('unsecured JWTs (alg "none") are refused');
    claims = decodeJwt(jws);
  } catch (cause) {
    throw cause instanceof SessionTokenError ? cause : invalid('the token is not a compact JWS', cause);
  }
  const { exp, iat } = claims;
  if (typeof exp !== 'number' || typeof iat !== 'number' || !Number.isFinite(exp) || !Number.isFinite(iat)) {
    throw invalid('the token must carry numeric "exp" and "iat" claims');
  }
  if (exp <= iat) throw invalid('the token expires before it was issued (exp ≤ iat)');
  // A token that lives no longer than the expiry margin could never be handed out; fetching it again and
  // again would only hammer the endpoint.
  if ((exp - iat) * 1000 <= EXPIRY_MARGIN_MS) throw invalid(`the token lives ${exp - iat} s: more than ${EXPIRY_MARGIN_MS / 1000} s are needed`);
  return { jws, claims: claims as TokenClaims, localIat, expiresAt: localIat + (exp - iat) * 1000 };
}

/** True when `candidate` belongs to the same signed-in session as `held` (same `sid` and `sub`). */
export function sameSession(held: Token, candidate: Token): boolean {
  return held.claims.sid === candidate.claims.sid && held.claims.sub === candidate.claims.sub;
}
