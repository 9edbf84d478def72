// Builds dist/: the one-file IIFE for script tags, the ESM entry for bundlers, and .d.ts types.
// Prints each file's raw and gzip size.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';

const common = { bundle: true, target: 'es2022', legalComments: 'none', logLevel: 'warning' };
const iife = { ...common, format: 'iife', minify: true, write: false };

/** The one-file bundles: esbuild's output, minified once more by terser (two compress passes), about 3 % smaller gzipped. */
async function oneFile(entry, outfile) {
  const result = await build({ ...iife, entryPoints: [entry], outfile });
  const { code } = await minify(result.outputFiles[0].text, { ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  writeFileSync(outfile, code);
}

// Hashed chunks and declarations of removed sources would otherwise linger and be packed.
for (const stale of ['dist/chunks', 'dist/types']) rmSync(stale, { recursive: true, force: true });

await Promise.all([
  oneFile('src/cdn.ts', 'dist/session-token.js'),
  oneFile('src/cdn-verify.ts', 'dist/session-token.verify.js'),
  // One shared chunk, so `session-token` and `session-token/verify` share one copy of the core (and of SessionTokenError).
  build({
    ...common,
    entryPoints: { index: 'src/index.ts', verify: 'src/enable-jwks.ts' },
    outdir: 'dist',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    external: ['jose'],
  }),
]);
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(process.execPath, ['scripts/manifest.mjs'], { stdio: 'inherit' }); // custom-elements.json

export function sizeOf(file) {
  const bytes = readFileSync(file);
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

for (const { file, raw, gzip } of ['dist/session-token.js', 'dist/session-token.verify.js', 'dist/index.js'].map(sizeOf)) {
  console.log(`${file.padEnd(30)} ${String(raw).padStart(7)} B raw ${String(gzip).padStart(7)} B gzip`);
}
