// Tokens as src/core/token.ts places them on the local clock: what the zone rules read.

/** A token received at `now` (requests take no time, so its local iat is the moment of receipt). */
export function makeToken(now, lifetimeS) {
  const iat = Math.floor(now / 1000);
  return { jws: '', claims: { iat, exp: iat + lifetimeS }, localIat: now, expiresAt: now + lifetimeS * 1000 };
}

/** `token` turned in place into the one `makeToken(now, lifetimeS)` would make (no allocation per event). */
export function renewToken(token, now, lifetimeS) {
  const iat = Math.floor(now / 1000);
  token.claims.iat = iat;
  token.claims.exp = iat + lifetimeS;
  token.localIat = now;
  token.expiresAt = now + lifetimeS * 1000;
  return token;
}
