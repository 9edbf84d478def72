// ESM entry `session-token/verify`: turns on the `jwks` option.
import { createJwksVerifier } from './core/verify.js';
import { provideVerifier } from './core/verifier.js';

provideVerifier(createJwksVerifier);

export { createJwksVerifier };
