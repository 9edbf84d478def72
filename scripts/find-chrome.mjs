// Locates a Chrome/Chromium executable for the test runner, benchmarks and the demo screenshot.
// No npm package downloads a browser here (see /work/shared/toolchain.md); on a Debian-like CI
// machine running as root we install Debian's chromium with apt-get instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Flags that let Chromium run headless as root inside containers and CI. */
export const chromeArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const installHint =
  'install Chromium or Chrome (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH';

function run(command, args, env) {
  console.error(`[find-chrome] ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (result.error) throw new Error(`[find-chrome] ${command} failed to start: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`[find-chrome] \`${[command, ...args].join(' ')}\` exited with ${result.status ?? result.signal}; ${installHint}`);
  }
}

/**
 * @returns {string} path of a Chrome/Chromium executable
 * @throws {Error} when none is found and none can be installed
 */
export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist; ${installHint}`);
    return fromEnv;
  }
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;

  const debianLike = existsSync('/etc/debian_version');
  const root = process.getuid?.() === 0;
  if (debianLike && root) {
    console.error('[find-chrome] no Chrome/Chromium found; installing Debian chromium with apt-get');
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
    if (!existsSync('/usr/bin/chromium')) {
      throw new Error(`apt-get install chromium did not provide /usr/bin/chromium; ${installHint}`);
    }
    return '/usr/bin/chromium';
  }
  throw new Error(`No Chrome/Chromium found (looked in ${candidates.join(', ')}): ${installHint}`);
}
