import { expect } from '@open-wc/testing';
import { createEndpoint } from './helpers/endpoint.js';
import { eventually } from './helpers/harness.js';

// The npm package as a user installs it. scripts/pack-check.mjs (run by `npm test` before the browser
// tests) packs it, installs the tarball into node_modules/.cache/session-token-pack/ and leaves there
// report.json and a page whose module imports 'session-token' and 'session-token/verify' by name,
// which the test server resolves with Node's rules (package.json "exports"), as a bundler would.

const project = '/node_modules/.cache/session-token-pack';

interface Report {
  ok: boolean;
  problems: string[];
  version: string;
  packed: string[];
  expected: string[];
  resolved: Record<string, string>;
}

type Packaged = typeof import('../src/index.js');
type PackagedWindow = Window & { packaged?: { esm: Packaged; verify: Record<string, unknown> } };

async function report(): Promise<Report> {
  const response = await fetch(`${project}/report.json`, { cache: 'no-store' });
  if (!response.ok) throw new Error('no pack report: run `node scripts/pack-check.mjs` after the build');
  return response.json();
}

const frames: HTMLIFrameElement[] = [];

/** Opens the installed project's page in a frame (its own realm, its own copy of jose). */
async function openPackagedPage(): Promise<PackagedWindow> {
  const frame = document.createElement('iframe');
  frames.push(frame);
  frame.src = `${project}/index.html`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as PackagedWindow;
  await eventually(() => win.packaged !== undefined, 'the packaged modules to load', 8_000);
  return win;
}

describe('the npm package', () => {
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

  it('packs exactly the files users need (npm pack --dry-run)', async () => {
    const { packed, expected, problems } = await report();
    expect(problems).to.deep.equal([]);
    expect(packed).to.deep.equal(expected);
    expect(packed).to.include.members([
      'package.json', 'README.md', 'CHANGELOG.md', 'custom-elements.json',
      'dist/index.js', 'dist/session-token.js', 'dist/types/index.d.ts',
    ]);
    expect(packed.filter((file) => /^(src|test|demo|bench|scripts|node_modules)\//.test(file))).to.deep.equal([]);
  });

  it('resolves every export of the installed tarball to a file inside it', async () => {
    const { resolved, version } = await report();
    const installed = `${project.slice(1)}/node_modules/session-token/`;
    expect(Object.keys(resolved).sort()).to.deep.equal([
      'session-token', 'session-token/cdn', 'session-token/cdn/verify', 'session-token/custom-elements.json',
      'session-token/package.json', 'session-token/verify',
    ]);
    for (const [specifier, file] of Object.entries(resolved)) expect(file, specifier).to.satisfy((path: string) => path.startsWith(installed));
    expect(version).to.equal((await (await fetch('/package.json')).json()).version);
  });

  it('imports by package name in the browser, defines <session-token> and fetches a token', async () => {
    const win = await openPackagedPage();
    const { esm } = win.packaged!;
    expect(esm.version).to.equal((await report()).version);
    expect(win.customElements.get('session-token')).to.equal(esm.SessionTokenElement);
    expect(esm.createSession).to.be.a('function');

    const endpoint = createEndpoint();
    const el = win.document.createElement('session-token');
    el.setAttribute('endpoint', endpoint.url);
    win.document.body.append(el);
    const token = await el.getToken();
    expect(token).to.be.a('string');
    expect(el.status).to.equal('signed-in');

    // The modules came from the installed package and its own dependencies, not from this repository.
    const loaded = win.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(loaded).to.include(`${project}/node_modules/session-token/dist/index.js`);
    expect(loaded).to.include(`${project}/node_modules/session-token/dist/verify.js`);
    expect(loaded.some((path) => path.startsWith(`${project}/node_modules/jose/`)), 'jose from the installed project').to.equal(true);
    expect(loaded.filter((path) => path.includes('/node_modules/lit')), 'no lit: the element needs none').to.deep.equal([]);
    expect(loaded.filter((path) => path.startsWith('/src/'))).to.deep.equal([]);
  });

  it('lets session-token/verify turn on the jwks attribute of the element from session-token', async () => {
    // Both entries must share one copy of the core: the verifier that session-token/verify installs
    // is the one the element's sessions look up.
    const win = await openPackagedPage();
    expect(win.packaged!.verify.createJwksVerifier).to.be.a('function');
    const endpoint = createEndpoint();
    const el = win.document.createElement('session-token');
    el.setAttribute('endpoint', endpoint.url);
    el.setAttribute('jwks', endpoint.jwksUrl);
    win.document.body.append(el);
    expect(await el.getToken()).to.be.a('string');
    expect(el.status).to.equal('signed-in');
  });
});
