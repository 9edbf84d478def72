// Where the element finds signature verification when it is loaded (dist/session-token.verify.js or
// `import 'session-token/verify'`). Without it, a `jwks` attribute is a configuration error, never a
// silently skipped check.
import { SessionTokenError } from './errors.js';
import type { Verify } from './jwks.js';

type VerifierFactory = (jwksUrl: string) => Verify;
const key = Symbol.for('session-token.verifier');
const holder = globalThis as typeof globalThis & { [key]?: VerifierFactory };

export function provideVerifier(factory: VerifierFactory): void {
  holder[key] = factory;
}

export function verifierFor(jwks: string | null | undefined): Verify | undefined {
  if (!jwks) return undefined;
  const factory = holder[key];
  if (!factory) {
    throw new SessionTokenError('invalid-config', 'jwks needs dist/session-token.verify.js (or import "session-token/verify")');
  }
  return factory(jwks);
}
