// Writes custom-elements.json (the Custom Elements Manifest that IDEs and CMS tooling read) from
// src/element/session-token.ts, using custom-elements-manifest.config.mjs. `npm run analyze`;
// the build runs it too. Fails when the element is missing from the result, since the analyzer
// itself never complains about what it could not understand.
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'custom-elements.json');

const manifest = await cli({
  argv: ['analyze', '--config', join(root, 'custom-elements-manifest.config.mjs'), '--quiet'],
  cwd: root,
  noWrite: true,
});

const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName === 'session-token');
if (!element) {
  console.error('[manifest] <session-token> is not in the manifest: does the class JSDoc still say `@tagname session-token`?');
  process.exit(1);
}
writeFileSync(output, `${JSON.stringify(manifest, null, 2)}\n`);
