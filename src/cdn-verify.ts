// IIFE entry dist/session-token.verify.js: everything in dist/session-token.js plus JWKS signature checks.
import './verify.js';
import './cdn.js';
