import { SessionTokenError } from './errors.js';

/**
 * The endpoint as an absolute URL; `invalid-config` when missing, unparsable, not http(s), or on another
 * origin than the page without `allowCrossOrigin`: credentials are never sent to a third party silently.
 */
export function resolveEndpoint(endpoint: string | null | undefined, base: string | undefined, pageOrigin: string | undefined, allowCrossOrigin = false): string {
  let url: URL | undefined;
  try {
    url = new URL(endpoint!, base);
  } catch {
    // Reported below, as a missing endpoint or any URL that is not http(s).
  }
  if (!endpoint || !url || !/^https?:$/.test(url.protocol)) throw new SessionTokenError('invalid-config', `endpoint="${endpoint ?? ''}" is not an http(s) URL`);
  if (pageOrigin && url.origin !== pageOrigin && !allowCrossOrigin) {
    throw new SessionTokenError('invalid-config', `endpoint "${url.origin}" is another origin: set cross-origin`);
  }
  return url.href;
}
