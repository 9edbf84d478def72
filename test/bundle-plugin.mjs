// Serves each matching test file as an esbuild bundle (ESM, inline source map) that holds the test,
// the project's own modules it imports, and the CommonJS packages listed in `bundle` (react, react-dom
// and scheduler by default). The dev server serves modules one by one and cannot give a CommonJS module
// named exports (`import { useState } from 'react'`); esbuild can, and the bundle holds a single copy of
// react shared by react-dom. Every other package import (@open-wc/testing, lit, jose...) stays a bare
// import, which the dev server resolves as usual (nodeResolve).
//
// Wiring (web-test-runner.config.mjs): plugins: [bundlePlugin({ include: /\.test\.tsx$/ }), esbuildPlugin(...)].
// Keep `tsx` out of esbuildPlugin's options, or it would transform the bundle a second time.
import { build } from 'esbuild';
import { join } from 'node:path';

/**
 * @param {{ include: RegExp, bundle?: string[], define?: Record<string, string> }} options
 * @returns {import('@web/dev-server-core').Plugin}
 */
export function bundlePlugin({ include, bundle = ['react', 'react-dom', 'scheduler'], define = {} }) {
  const bundled = new RegExp(`^(${bundle.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(/|$)`);
  /** @type {import('esbuild').Plugin} */
  const externalPackages = {
    name: 'external-packages',
    setup(b) {
      // Bare specifiers (not ./, ../ or /) are packages: leave them to the dev server unless listed.
      b.onResolve({ filter: /^[^./]/ }, ({ path }) => (bundled.test(path) ? undefined : { path, external: true }));
    },
  };
  let rootDir = process.cwd();
  return {
    name: 'bundle-test-files',
    serverStart({ config }) {
      rootDir = config.rootDir;
    },
    async serve(context) {
      if (!include.test(context.path)) return undefined;
      const file = join(rootDir, decodeURIComponent(context.path));
      const result = await build({
        entryPoints: [file],
        outfile: file, // never written (write: false); makes the source map's paths relative to the test
        write: false,
        absWorkingDir: rootDir,
        tsconfig: join(rootDir, 'tsconfig.json'),
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        sourcemap: 'inline',
        logLevel: 'silent',
        plugins: [externalPackages],
        define: { 'process.env.NODE_ENV': '"development"', ...define },
      });
      return { body: result.outputFiles[0].text, type: 'js' };
    },
  };
}
