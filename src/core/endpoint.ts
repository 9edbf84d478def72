import { SessionTokenError } from './errors.js';

/**
 * The endpoint as an absolute URL; `invalid-config` when missing, unparsable, not http(s), or on another
 * origin than the page without `allowCrossOrigin`: credentials are never sent to a third party silently.
 */
export function resolveEndpoint(endpoint: string | null | undefined, baseUrl?: string, allowCrossOrigin = false): string {
  if (!endpoint) throw new SessionTokenError('invalid-config', 'the "endpoint" option (attribute) is required');
  let url: URL;
  try {
    url = new URL(endpoint, baseUrl ?? globalThis.document?.baseURI);
  } catch (cause) {
    throw new SessionTokenError('invalid-config', `endpoint "${endpoint}" is not a valid URL`, { cause });
  }
  if (!/^https?:$/.test(url.protocol)) throw new SessionTokenError('invalid-config', `endpoint "${endpoint}" is not an http(s) URL`);
  // `self.origin` rather than location's: a srcdoc or blank iframe inherits its parent's origin.
  const pageOrigin = baseUrl ? new URL(baseUrl).origin : globalThis.origin;
  if (pageOrigin && url.origin !== pageOrigin && !allowCrossOrigin) {
    throw new SessionTokenError('invalid-config', `endpoint "${url.origin}" is on another origin: set cross-origin to send credentials there`);
  }
  return url.href;
}
