import { expect } from '@open-wc/testing';
import { SessionTokenElement } from '../src/element/session-token.js';

// custom-elements.json is what IDEs and CMS tooling read: it must describe the whole public surface.
// It is written by scripts/manifest.mjs (`npm run analyze`, part of the build).

interface Described {
  name: string;
  description?: string;
}
interface Manifest {
  modules: Array<{
    path: string;
    declarations?: Array<{
      name: string;
      tagName?: string;
      attributes?: Array<Described & { fieldName?: string; default?: string; type?: { text: string } }>;
      members?: Array<Described & { kind: 'field' | 'method'; privacy?: string; readonly?: boolean; attribute?: string }>;
      events?: Described[];
      slots?: Described[];
    }>;
    exports?: Array<{ kind: string; name: string; declaration: { name: string; module: string } }>;
  }>;
}

async function load(): Promise<Manifest> {
  const response = await fetch('/custom-elements.json', { cache: 'no-store' });
  if (!response.ok) throw new Error('custom-elements.json is missing: run `npm run analyze`');
  return response.json();
}

async function element() {
  const manifest = await load();
  const module = manifest.modules.find((m) => m.declarations?.some((d) => d.tagName === 'session-token'));
  expect(module, 'a module declaring <session-token>').to.not.equal(undefined);
  return { manifest, module: module!, declaration: module!.declarations!.find((d) => d.tagName === 'session-token')! };
}

const names = (items: Described[] | undefined) => (items ?? []).map((item) => item.name).sort();
const undescribed = (items: Described[] | undefined) => (items ?? []).filter((item) => !item.description).map((item) => item.name);

describe('custom-elements.json', () => {
  it('is what package.json points tools to, and is exported', async () => {
    const pkg = await (await fetch('/package.json')).json();
    expect(pkg.customElements).to.equal('custom-elements.json');
    expect(pkg.exports['./custom-elements.json']).to.equal('./custom-elements.json');
    expect(pkg.files).to.include('custom-elements.json');
  });

  it('defines <session-token> in the published ESM entry, which exports the class', async () => {
    const { module } = await element();
    expect(module.path).to.equal('dist/index.js');
    expect(module.exports).to.deep.include({ kind: 'custom-element-definition', name: 'session-token', declaration: { name: 'SessionTokenElement', module: 'dist/index.js' } });
    expect(module.exports).to.deep.include({ kind: 'js', name: 'SessionTokenElement', declaration: { name: 'SessionTokenElement', module: 'dist/index.js' } });
    expect((await fetch('/dist/index.js')).ok).to.equal(true);
  });

  it('lists every observed attribute, described, plus the reflected status', async () => {
    const { declaration } = await element();
    const observed = (SessionTokenElement as unknown as { observedAttributes: string[] }).observedAttributes;
    expect(names(declaration.attributes)).to.deep.equal([...observed, 'status'].sort());
    expect(names(declaration.attributes)).to.include.members(['endpoint', 'refresh-threshold', 'cookie-name']);
    expect(undescribed(declaration.attributes)).to.deep.equal([]);
    const threshold = declaration.attributes!.find((a) => a.name === 'refresh-threshold')!;
    expect([threshold.fieldName, threshold.default, threshold.type?.text]).to.deep.equal(['refreshThreshold', '15', 'number']);
  });

  it('lists the public properties and methods, and nothing internal', async () => {
    const { declaration } = await element();
    const fields = declaration.members!.filter((m) => m.kind === 'field');
    const methods = declaration.members!.filter((m) => m.kind === 'method');
    expect(names(fields)).to.include.members(['token', 'claims', 'expiresAt', 'status', 'endpoint', 'refreshThreshold', 'cookieName']);
    for (const name of ['token', 'claims', 'expiresAt', 'status']) {
      const field = fields.find((f) => f.name === name)!;
      expect([name, field.readonly, Boolean(field.description)]).to.deep.equal([name, true, true]);
    }
    expect(names(methods)).to.deep.equal(['fetch', 'getToken', 'refresh']);
    expect(declaration.members!.filter((m) => /^[_#]/.test(m.name) || m.privacy === 'private').map((m) => m.name)).to.deep.equal([]);
  });

  it('lists the four events and the three slots, each described', async () => {
    const { declaration } = await element();
    expect(names(declaration.events)).to.deep.equal(['signedout', 'statuschange', 'tokenerror', 'tokenupdate']);
    expect(undescribed(declaration.events)).to.deep.equal([]);
    expect(names(declaration.slots)).to.deep.equal(['', 'signed-in', 'signed-out']);
    expect(undescribed(declaration.slots)).to.deep.equal([]);
  });
});
