// IIFE entry dist/session-token.verify.js: everything in dist/session-token.js plus JWKS signature checks.
import './enable-jwks.js';
import './cdn.js';
