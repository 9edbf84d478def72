import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
const withoutUnusedLit = { name: 'w', setup(b) { b.onResolve({ filter: /^(lit-html|lit-element\/lit-element\.js)$/ }, async ({ path, kind, resolveDir, pluginData }) => { if (pluginData === 'r') return undefined; const r = await b.resolve(path, { kind, resolveDir, pluginData: 'r' }); return { ...r, sideEffects: false }; }); } };
const stub = (filter, contents) => ({ name: 'stub' + filter, setup(b) { b.onLoad({ filter }, () => ({ contents, loader: 'ts' })); } });
export async function size(label, plugins = [], entry = 'src/cdn.ts') {
  const r = await build({ entryPoints: [entry], bundle: true, target: 'es2022', legalComments: 'none', format: 'iife', minify: true, plugins: [withoutUnusedLit, ...plugins], write: false });
  const t = (await minify(r.outputFiles[0].text, { ecma: 2020, compress: { passes: 2 }, mangle: true })).code; console.log(label.padEnd(40), t.length, gzipSync(t, { level: 9 }).length);
}
await size('full');
if (process.argv[2]) {
await size('no authorized-fetch', [stub(/authorized-fetch\.ts$/, `export const apiOrigins = () => []; export const createAuthorizedFetch = () => undefined;`)]);
await size('no page-token', [stub(/page-token\.ts$/, `export const receiptCookie = (n) => n; export const receiptOf = () => ''; export const initialToken = () => null; export const cookieToken = () => null;`)]);
await size('no request', [stub(/request\.ts$/, `export const tokenRequest = () => ({method:'POST',headers:()=>({}),fields:['jwt'],signedOutStatus:[401]}); export const classifyStatus = (s) => new Error(); export const extractJws = (b) => JSON.parse(b).jwt;`)]);
}
