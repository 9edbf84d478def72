// Benchmark 1: raw and gzip (level 9) bytes of the IIFE and of the ESM build (its entry plus every
// chunk it imports), beside lit alone bundled the same way (minified IIFE with a trivial element).
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bytes, kb, ratio } from './table.mjs';

const GOAL_GZIP = 10 * 1024;

const measure = (buffer) => ({ raw: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length });

/** An ESM file and the relative modules it imports statically, recursively (lit and jose are external). */
function esmClosure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const [, spec] of text.matchAll(/(?:^|[;\s])(?:import|export)\s*(?:[^'";]*?\sfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
    esmClosure(join(dirname(file), spec), seen);
  }
  return seen;
}

async function litAlone(root) {
  const contents = `import { LitElement, css, html } from 'lit';
class RefElement extends LitElement {
  static properties = { name: { type: String } };
  static styles = css\`:host { display: contents; }\`;
  render() { return html\`<slot></slot>\`; }
}
customElements.define('ref-element', RefElement);`;
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2022',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  return measure(Buffer.from(result.outputFiles[0].contents));
}

/** @returns {Promise<import('./table.mjs').Row[]>} */
export default async function size({ root }) {
  const litVersion = JSON.parse(readFileSync(join(root, 'node_modules/lit/package.json'), 'utf8')).version;
  const lit = await litAlone(root);
  const iife = measure(readFileSync(join(root, 'dist/session-token.js')));
  const esmFiles = [...esmClosure(join(root, 'dist/index.js'))];
  const esm = esmFiles.map((file) => readFileSync(file)).reduce(
    (sum, buffer) => {
      const { raw, gzip } = measure(buffer);
      return { raw: sum.raw + raw, gzip: sum.gzip + gzip };
    },
    { raw: 0, gzip: 0 },
  );
  const esmLabel = esmFiles.length > 1 ? `dist/index.js + ${esmFiles.length - 1} chunk(s), jose external` : 'dist/index.js, lit & jose external';
  const litLabel = `lit ${litVersion} alone, min. IIFE`;
  const rows = [
    { bench: '1 Size', measure: 'dist/session-token.js (one-file IIFE, all included), gzip -9', ours: `${bytes(iife.gzip)} (${kb(iife.gzip)})`, baseline: `${litLabel}: ${bytes(lit.gzip)}`, ratio: ratio(iife.gzip, lit.gzip), goal: '≤ 10 KB (10,240 B)', met: iife.gzip <= GOAL_GZIP },
    { bench: '1 Size', measure: 'dist/session-token.js, raw', ours: bytes(iife.raw), baseline: `${litLabel}: ${bytes(lit.raw)}`, ratio: ratio(iife.raw, lit.raw), goal: '—', met: null },
  ];
  const verify = join(root, 'dist/session-token.verify.js');
  if (existsSync(verify)) {
    const v = measure(readFileSync(verify));
    rows.push({ bench: '1 Size', measure: 'dist/session-token.verify.js (IIFE with signature checks), gzip -9 / raw', ours: `${bytes(v.gzip)} / ${bytes(v.raw)}`, baseline: `${litLabel}: ${bytes(lit.gzip)}`, ratio: ratio(v.gzip, lit.gzip), goal: '—', met: null });
  }
  rows.push({ bench: '1 Size', measure: `ESM build (${esmLabel}), gzip -9 / raw`, ours: `${bytes(esm.gzip)} / ${bytes(esm.raw)}`, baseline: '—', ratio: '—', goal: '—', met: null });
  return rows;
}
