// `node --import ./test/node/register.mjs`: the core tests in Node (npm run mutate), as they run in the browser.
// TypeScript through tsx; `@open-wc/testing` (a browser bundle) resolves to the same chai it re-exports.
import { register } from 'node:module';
import 'tsx';

register('./resolve.mjs', import.meta.url);
