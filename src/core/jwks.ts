// Signature checks against a JWKS (the `jwks` option). Kept out of the default bundle: it is the one
// part of jose that costs real bytes, so it ships in dist/session-token.verify.js and `session-token/verify`.
import { compactVerify, createRemoteJWKSet, errors } from 'jose';
import { pageUrl } from './environment.js';
import { SessionTokenError } from './errors.js';

export type Verify = (jws: string) => Promise<void>;

/** Asymmetric algorithms only: never `none`, never an HMAC secret that the browser would have to hold. */
const ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA', 'Ed25519'];

/** A token is adopted only when its signature verifies against a key of `jwksUrl` (keys cached, refetched on an unknown `kid`). */
export function createJwksVerifier(jwksUrl: string | URL): Verify {
  let url: URL;
  try {
    url = new URL(jwksUrl, pageUrl()); // like the endpoint: against the page's base URL (a srcdoc frame's is its parent's)
  } catch (cause) {
    throw new SessionTokenError('invalid-config', `jwks="${jwksUrl}" is not a URL`, { cause });
  }
  const keys = createRemoteJWKSet(url);
  return async (jws) => {
    try {
      // The signature only: exp and iat are judged against each other elsewhere, never against a client clock.
      await compactVerify(jws, keys, { algorithms: ALGORITHMS });
    } catch (cause) {
      throw classify(cause);
    }
  };
}

function classify(cause: unknown): SessionTokenError {
  if (cause instanceof errors.JWKSTimeout || !(cause instanceof errors.JOSEError)) {
    // The JWKS could not be fetched: the token may be fine. Retryable, and nothing is adopted meanwhile.
    return new SessionTokenError('network', 'the JWKS could not be fetched', { cause });
  }
  return new SessionTokenError('invalid-token', `the token's signature does not verify against the JWKS (${cause.code})`, { cause });
}
