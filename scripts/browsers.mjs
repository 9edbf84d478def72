// The three browser engines the tests and benchmarks run in, each from a Debian package; no npm package
// downloads a browser (see /work/shared/toolchain.md). `provision(engine)` finds an engine's executable,
// or installs its package with apt-get where this runs as root on a Debian-like machine, and otherwise
// throws naming the package to install. `startWebKitDriver()` runs Debian's WebKitWebDriver under
// xvfb-run on a free port and returns how to stop it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const ENGINES = /** @type {const} */ (['chromium', 'firefox', 'webkit']);
/** @typedef {typeof ENGINES[number]} Engine */

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

/** What each engine needs: an executable (the first that exists), its env override, its Debian packages. */
const SPECS = {
  chromium: {
    env: 'CHROME_PATH',
    candidates: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
    packages: ['chromium'],
    aptArgs: [],
  },
  firefox: {
    env: 'FIREFOX_PATH',
    candidates: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
    packages: ['firefox-esr'],
    aptArgs: [],
  },
  webkit: {
    env: 'WEBKIT_WEBDRIVER_PATH',
    candidates: ['/usr/bin/WebKitWebDriver'],
    // MiniBrowser has no headless mode: it runs on a virtual X display (xvfb-run).
    also: ['/usr/bin/xvfb-run'],
    packages: ['webkit2gtk-driver', 'xvfb'],
    aptArgs: ['--no-install-recommends'],
  },
};

const hint = (engine) => {
  const spec = SPECS[engine];
  return `install ${spec.packages.join(' and ')} (Debian/Ubuntu: sudo apt-get install -y ${[...spec.aptArgs, ...spec.packages].join(' ')}) or set ${spec.env}`;
};

function run(command, args, env = {}) {
  console.error(`[browsers] ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (result.error) throw new Error(`${command} failed to start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`\`${[command, ...args].join(' ')}\` exited with ${result.status ?? result.signal}`);
}

/** The first candidate that exists, when everything else the engine needs exists too. */
function found(spec) {
  const path = spec.candidates.find((candidate) => existsSync(candidate));
  return path && (spec.also ?? []).every((other) => existsSync(other)) ? path : undefined;
}

/**
 * The engine's executable (for WebKit: WebKitWebDriver), installing its Debian package when missing.
 * @param {Engine} engine
 * @param {{ install?: boolean }} [options] install: false only reports (for `npm run bench` and the tests' config)
 * @returns {string}
 * @throws {Error} naming the package to install
 */
export function provision(engine, { install = true } = {}) {
  const spec = SPECS[engine];
  if (!spec) throw new Error(`unknown engine ${engine}; known: ${ENGINES.join(', ')}`);
  const fromEnv = process.env[spec.env];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${spec.env}=${fromEnv} does not exist; ${hint(engine)}`);
    return fromEnv;
  }
  const path = found(spec);
  if (path) return path;
  const canInstall = install && existsSync('/etc/debian_version') && process.getuid?.() === 0;
  if (!canInstall) throw new Error(`${engine} not found (looked in ${[...spec.candidates, ...(spec.also ?? [])].join(', ')}): ${hint(engine)}`);

  console.error(`[browsers] ${engine} not found; installing Debian ${spec.packages.join(' ')} with apt-get`);
  // No terminal in CI; wait for another apt-get (another job on the machine) instead of failing at once.
  const apt = ['-o', 'DPkg::Lock::Timeout=300'];
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  try {
    try {
      run('apt-get', [...apt, 'install', '-y', ...spec.aptArgs, ...spec.packages], env);
    } catch {
      // A fresh machine has empty package lists: update them once and try again.
      run('apt-get', [...apt, 'update'], env);
      run('apt-get', [...apt, 'install', '-y', ...spec.aptArgs, ...spec.packages], env);
    }
  } catch (error) {
    throw new Error(`${error.message}; ${hint(engine)}`);
  }
  const installed = found(spec);
  if (!installed) throw new Error(`apt-get installed ${spec.packages.join(' ')} but none of ${spec.candidates.join(', ')} exists; ${hint(engine)}`);
  return installed;
}

/** Chromium's executable (scripts/find-chrome.mjs re-exports it for the demo screenshot). */
export const findChrome = () => provision('chromium');

/**
 * The engine's version as its package reports it, e.g. 'Chromium 156.0.8078.114', 'Firefox 153.8.0esr',
 * 'WebKitGTK 2.50.6'. Null when it cannot be read.
 * @param {Engine} engine
 */
export function engineVersion(engine) {
  try {
    if (engine === 'webkit') {
      const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'webkit2gtk-driver'], { encoding: 'utf8' });
      return `WebKitGTK ${version.split(/[-~]/)[0]}`;
    }
    const output = execFileSync(provision(engine, { install: false }), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const match = output.match(/(Chromium|Google Chrome|Mozilla Firefox) ([\w.]+)/);
    return match ? `${match[1].replace('Mozilla ', '')} ${match[2]}` : output.trim();
  } catch {
    return null;
  }
}

/** A TCP port nobody listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Environment WebKitGTK needs in a container (no user namespaces, no GPU). */
export const webkitEnv = {
  WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS: '1',
  WEBKIT_DISABLE_DMABUF_RENDERER: '1',
  WEBKIT_DISABLE_COMPOSITING_MODE: '1',
  LIBGL_ALWAYS_SOFTWARE: '1',
};

/** The capabilities that make WebKitWebDriver start MiniBrowser for automation. */
export const webkitCapabilities = {
  browserName: 'MiniBrowser',
  'wdio:enforceWebDriverClassic': true,
  // The driver drops --automation when told which binary to run; ask for it again.
  'webkitgtk:browserOptions': { args: ['--automation'] },
};

/**
 * Starts WebKitWebDriver under `xvfb-run -a` on a free port and waits until it answers.
 * @returns {Promise<{ port: number, stop(): Promise<void> }>}
 */
export async function startWebKitDriver() {
  const driver = provision('webkit', { install: false });
  const port = await freePort();
  // Its own process group: stop() ends xvfb-run, Xvfb, the driver and the MiniBrowsers it started.
  const child = spawn('xvfb-run', ['-a', driver, `--port=${port}`], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...webkitEnv },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2_000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let stopped = false;
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => kill('SIGKILL');
  process.once('exit', onExit);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    kill('SIGTERM');
    const late = setTimeout(() => kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(late);
  };

  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return { port, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`WebKitWebDriver did not answer on port ${port} within 20 s (${stderr.trim() || 'no output'})`);
}
