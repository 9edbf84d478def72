// Config of @custom-elements-manifest/analyzer, run by scripts/manifest.mjs (`npm run analyze`).
// The analyzer reads the element's TypeScript source (its declared fields and its class JSDoc:
// @attr, @prop, @fires, @slot); the manifest it writes describes the published module instead,
// dist/index.js, because that is the file users import and tools must resolve.

const published = 'dist/index.js';

/** `@attr {type} [name=default]` in a class JSDoc. */
const ATTR_TAG = /@attr(?:ibute)?\s+(?:\{([^}]*)\}\s+)?(?:\[([\w-]+)=([^\]]*)\]|([\w-]+))/g;

/** Links each documented attribute to its property, keeps internals out, then points at `published`. */
function sessionTokenManifestPlugin() {
  /** Per class name: attribute name → { type, default } from the class JSDoc. */
  const documentedAttributes = new Map();
  return {
    name: 'session-token',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const documented = new Map();
      for (const doc of node.jsDoc ?? []) {
        for (const [, type, optionalName, value, name] of doc.getFullText().matchAll(ATTR_TAG)) {
          documented.set(optionalName ?? name, { type, default: value });
        }
      }
      documentedAttributes.set(node.name.getText(), documented);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          // `#private` members are no one's API.
          declaration.members = declaration.members?.filter((member) => !member.name.startsWith('#'));
          // Every attribute is reflected to the camelCase property of its name (src/element/reflected.ts),
          // which the analyzer cannot see: it is defined at run time. The class JSDoc gives type and default.
          const documented = documentedAttributes.get(declaration.name) ?? new Map();
          for (const attribute of declaration.attributes ?? []) {
            const doc = documented.get(attribute.name);
            attribute.fieldName ??= attribute.name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
            if (doc?.type) attribute.type = { text: doc.type };
            if (doc?.default !== undefined) attribute.default = doc.default;
          }
          // The analyzer adds a nameless entry for each `new SomeEvent()` it sees dispatched; the
          // named events come from the class JSDoc's @fires tags.
          declaration.events = declaration.events?.filter((event) => event.name);
        }
        module.path = published;
        for (const entry of module.exports ?? []) entry.declaration.module = published;
        for (const declaration of module.declarations ?? []) {
          if (!declaration.tagName) continue;
          module.exports = [...(module.exports ?? []), {
            kind: 'custom-element-definition',
            name: declaration.tagName,
            declaration: { name: declaration.name, module: published },
          }];
        }
      }
    },
  };
}

export default {
  globs: ['src/element/session-token.ts'],
  outdir: '.',
  // package.json's "customElements" key is kept by hand: the analyzer would rewrite the whole file.
  packagejson: false,
  plugins: [sessionTokenManifestPlugin()],
};
