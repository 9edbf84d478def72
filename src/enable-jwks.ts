// ESM entry `session-token/verify`: turns on the `jwks` option.
import { createJwksVerifier } from './core/jwks.js';
import { provideVerifier } from './core/signature-check.js';

provideVerifier(createJwksVerifier);

export { createJwksVerifier };
