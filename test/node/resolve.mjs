// Module hook for the Node runs: the core tests import only `expect` from @open-wc/testing.
export async function resolve(specifier, context, next) {
  if (specifier === '@open-wc/testing') return next('@esm-bundle/chai/esm/chai.js', context);
  return next(specifier, context);
}
