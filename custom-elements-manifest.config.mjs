// Config of @custom-elements-manifest/analyzer, run by scripts/manifest.mjs (`npm run analyze`).
// The analyzer reads the element's TypeScript source (its `static properties` and its class JSDoc:
// @attr, @prop, @fires, @slot); the manifest it writes describes the published module instead,
// dist/index.js, because that is the file users import and tools must resolve.

const published = 'dist/index.js';

/** `@attr {type} [name=default]` in a class JSDoc. */
const ATTR_TAG = /@attr(?:ibute)?\s+(?:\{([^}]*)\}\s+)?(?:\[([\w-]+)=([^\]]*)\]|([\w-]+))/g;

/** Fixes what the analyzer's lit support gets wrong for this element, then points at `published`. */
function sessionTokenManifestPlugin() {
  /** Per class name: names of `static properties` entries declared `state: true`. */
  const stateProperties = new Map();
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
      const properties = node.members.find((member) =>
        ts.isPropertyDeclaration(member) && member.name.getText() === 'properties' &&
        member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword));
      const object = properties?.initializer;
      if (!object || !ts.isObjectLiteralExpression(object)) return;
      const names = object.properties
        .filter((entry) => ts.isPropertyAssignment(entry) && ts.isObjectLiteralExpression(entry.initializer) &&
          entry.initializer.properties.some((option) => ts.isPropertyAssignment(option) &&
            option.name.getText() === 'state' && option.initializer.kind === ts.SyntaxKind.TrueKeyword))
        .map((entry) => entry.name.getText());
      stateProperties.set(node.name.getText(), new Set(names));
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          // lit's `state: true` properties are internal and have no attribute, but analyzer 0.11
          // lists them as both. `#private` members are no one's API either.
          const internal = stateProperties.get(declaration.name) ?? new Set();
          declaration.members = declaration.members?.filter((member) => !internal.has(member.name) && !member.name.startsWith('#'));
          declaration.attributes = declaration.attributes?.filter((attribute) => !internal.has(attribute.fieldName));
          // The class JSDoc's @attr type and default should win (the analyzer's rule), but its lit
          // support overwrites them with the property's (`string | null`, default `null`).
          const documented = documentedAttributes.get(declaration.name) ?? new Map();
          for (const attribute of declaration.attributes ?? []) {
            const doc = documented.get(attribute.name);
            if (doc?.type) attribute.type = { text: doc.type };
            if (doc?.default !== undefined) attribute.default = doc.default;
            else if (attribute.default === 'null') delete attribute.default; // an absent attribute is not "null"
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
  litelement: true,
  // package.json's "customElements" key is kept by hand: the analyzer would rewrite the whole file.
  packagejson: false,
  plugins: [sessionTokenManifestPlugin()],
};
