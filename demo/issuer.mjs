// Mints real ES256 session JWTs with jose. Shared by the demo server and the test runner's
// token-server plugin, so tests exercise exactly what the demo serves.
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { randomUUID } from 'node:crypto';

/**
 * @returns {Promise<{ sign(claims: { sub: string, sid: string }, options?: { lifetime?: number, iatOffset?: number }): Promise<string>, jwks: { keys: object[] } }>}
 */
export async function createIssuer() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID().slice(0, 8);
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    /** lifetime in seconds (default 60); iatOffset in seconds skews iat and exp, as a server with a wrong clock would. */
    async sign({ sub, sid }, { lifetime = 60, iatOffset = 0 } = {}) {
      const iat = Math.floor(Date.now() / 1000) + iatOffset;
      return new SignJWT({ sid })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setSubject(sub)
        .setIssuedAt(iat)
        .setExpirationTime(iat + lifetime)
        .setJti(randomUUID())
        .sign(privateKey);
    },
  };
}
