// Chromium for the demo screenshot; every engine (Chromium, Firefox, WebKit) is provisioned by scripts/browsers.mjs.
export { chromeArgs, findChrome } from './browsers.mjs';
