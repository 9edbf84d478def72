// Checks the npm package as a user gets it. Run after the build (scripts/test.mjs runs it before the
// browser tests; alone: `node esbuild.mjs && node scripts/pack-check.mjs`).
//  1. `npm pack --dry-run` lists exactly the files users need: the export targets, the chunks they
//     import, one .d.ts per source file, the manifest, README and CHANGELOG (and LICENSE if any).
//  2. The packed tarball installs into a throw-away project (from the npm cache when it can), and
//     there every `exports` entry resolves under Node's rules to a file of the package.
//  3. TypeScript resolves the package's types in that project (moduleResolution nodenext and bundler):
//     the element, its events on `document`, and `window.SessionToken` from `session-token/cdn`.
// The project is left in node_modules/.cache/session-token-pack/ with a page that imports the package
// by name, for test/package.test.ts to load through the test server's Node resolution, and report.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const project = join(root, 'node_modules', '.cache', 'session-token-pack');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const problems = [];
const started = performance.now();

/** Runs a command, returning stdout; a failure is fatal and prints the command's output. */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', shell: process.platform === 'win32', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`.trim();
    fail(`\`${command} ${args.join(' ')}\` failed (exit ${result.status}):\n${output}`);
  }
  return result.stdout;
}

function fail(message) {
  console.error(`[pack-check] ${message}`);
  writeReport({ ok: false, problems: [...problems, message] });
  process.exit(1);
}

function writeReport(report) {
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'report.json'), `${JSON.stringify({ version: pkg.version, ...report }, null, 2)}\n`);
}

const npm = (args, cwd = root) =>
  process.env.npm_execpath?.endsWith('.js')
    ? run(process.execPath, [process.env.npm_execpath, ...args], cwd)
    : run('npm', args, cwd);

const toPosix = (path) => path.split(sep).join(posix.sep);
const walk = (dir) => readdirSync(dir, { withFileTypes: true })
  .flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));

/** Export targets, the chunks the ESM entries import (transitively), and one .d.ts per source file. */
function expectedFiles() {
  const targets = [];
  const collect = (value) => {
    if (typeof value === 'string') targets.push(posix.normalize(value));
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(pkg.exports);
  const files = new Set(['package.json', 'README.md', 'CHANGELOG.md', 'custom-elements.json', ...targets]);
  for (const name of ['LICENSE', 'LICENSE.md', 'LICENCE']) if (existsSync(join(root, name))) files.add(name);
  const pending = targets.filter((file) => /^dist\/[^/]+\.js$/.test(file));
  while (pending.length) {
    const file = pending.pop();
    if (!existsSync(join(root, file))) continue;
    for (const [, specifier] of readFileSync(join(root, file), 'utf8').matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const chunk = posix.join(posix.dirname(file), specifier);
      if (!files.has(chunk)) pending.push(chunk);
      files.add(chunk);
    }
  }
  for (const source of walk(join(root, 'src')).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))) {
    files.add(`dist/types/${toPosix(relative(join(root, 'src'), source)).replace(/\.ts$/, '.d.ts')}`);
  }
  return [...files].sort();
}

// 1. What `npm pack` would publish.
const expected = expectedFiles();
const missing = expected.filter((file) => !existsSync(join(root, file)));
if (missing.length) fail(`not built: ${missing.join(', ')} (run \`node esbuild.mjs\` first)`);
const [dryRun] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts']));
const packed = dryRun.files.map((file) => file.path).sort();
const unexpected = packed.filter((file) => !expected.includes(file));
const unpacked = expected.filter((file) => !packed.includes(file));
if (unexpected.length) problems.push(`packed but not needed (stale build output, or a "files" entry too wide): ${unexpected.join(', ')}`);
if (unpacked.length) problems.push(`needed but not packed (add to package.json "files"): ${unpacked.join(', ')}`);

// 2. Install the real tarball into a throw-away project. It has its own package.json, so npm
// installs there and never into this repository.
rmSync(project, { recursive: true, force: true });
mkdirSync(project, { recursive: true });
writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'session-token-pack-check', private: true, type: 'module' }, null, 2)}\n`);
const [tarball] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', project]));
npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--prefix', project, join(project, tarball.filename)], project);

// Type-only subpaths (session-token/react, session-token/vue: JSX and template types) have nothing to run;
// their .d.ts files are checked as packed above.
const typesOnly = (target) => typeof target === 'object' && Object.keys(target).every((condition) => condition === 'types');
const subpaths = Object.keys(pkg.exports).filter((subpath) => !typesOnly(pkg.exports[subpath]));
const resolver = `
  import { existsSync } from 'node:fs';
  import { fileURLToPath } from 'node:url';
  const resolved = {};
  for (const subpath of ${JSON.stringify(subpaths)}) {
    const specifier = subpath === '.' ? 'session-token' : 'session-token/' + subpath.slice(2);
    const file = fileURLToPath(import.meta.resolve(specifier));
    resolved[specifier] = existsSync(file) ? file : 'missing: ' + file;
  }
  const { default: manifest } = await import('session-token/custom-elements.json', { with: { type: 'json' } });
  const { default: installed } = await import('session-token/package.json', { with: { type: 'json' } });
  const tags = manifest.modules.flatMap((m) => m.declarations ?? []).map((d) => d.tagName).filter(Boolean);
  console.log(JSON.stringify({ resolved, tags, version: installed.version }));`;
const node = JSON.parse(run(process.execPath, ['--input-type=module', '--no-warnings', '-e', resolver], project));
const installedDir = join(project, 'node_modules', 'session-token');
for (const [specifier, file] of Object.entries(node.resolved)) {
  if (file.startsWith('missing: ') || !file.startsWith(installedDir)) problems.push(`${specifier} resolves to ${file}`);
}
if (node.tags.join() !== 'session-token') problems.push(`the installed custom-elements.json defines [${node.tags}], not session-token`);
if (node.version !== pkg.version) problems.push(`installed version ${node.version}, expected ${pkg.version}`);

// 3. Types, as a TypeScript user's project resolves them.
writeFileSync(join(project, 'consumer.ts'), `import { createSession, SessionTokenElement, SessionTokenError } from 'session-token';
import type {} from 'session-token/cdn';

const element: SessionTokenElement = document.querySelector('session-token')!;
const token: Promise<string | null> = element.getToken({ skipCache: true });
document.addEventListener('tokenupdate', (event) => {
  const value: string = event.detail.token;
  void value;
});
document.addEventListener('tokenerror', (event) => {
  if (event.detail.error.code === 'unauthorized') void event.detail.error.status;
});
const fromCdn: Promise<string | null> = window.SessionToken.getToken();
const session = createSession({ endpoint: '/api/token' });
// @ts-expect-error the token is a string
document.addEventListener('tokenupdate', (event) => { const wrong: number = event.detail.token; void wrong; });
export { token, fromCdn, session, SessionTokenError };
`);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
for (const [module, moduleResolution] of [['nodenext', 'nodenext'], ['esnext', 'bundler']]) {
  const config = `tsconfig.${moduleResolution}.json`;
  const compilerOptions = { noEmit: true, strict: true, target: 'es2022', lib: ['es2022', 'dom', 'dom.iterable'], types: [], module, moduleResolution };
  writeFileSync(join(project, config), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }, null, 2));
  const result = spawnSync(process.execPath, [tsc, '-p', config], { cwd: project, encoding: 'utf8' });
  if (result.status !== 0) problems.push(`types (moduleResolution ${moduleResolution}):\n${result.stdout}${result.stderr}`);
}

// For test/package.test.ts: a page that imports the installed package by name.
writeFileSync(join(project, 'entry.js'), `import * as esm from 'session-token';
import * as verify from 'session-token/verify';

window.packaged = { esm, verify };
`);
writeFileSync(join(project, 'index.html'), `<!doctype html>
<html><head><meta charset="utf-8"><script type="module" src="./entry.js"></script></head><body></body></html>
`);

const resolved = Object.fromEntries(Object.entries(node.resolved).map(([specifier, file]) => [specifier, toPosix(relative(root, file))]));
writeReport({ ok: problems.length === 0, problems, packed, expected, resolved, tarball: tarball.filename, unpackedSize: tarball.unpackedSize });
if (problems.length) {
  problems.forEach((problem) => console.error(`[pack-check] ${problem}`));
  process.exit(1);
}
console.log(`[pack-check] ${packed.length} files packed as expected; installed and resolved in ${Math.round(performance.now() - started)} ms`);
