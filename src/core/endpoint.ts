import { SessionTokenError } from './errors.js';

/**
 * The endpoint as an absolute URL; `invalid-config` when missing, unparsable, not http(s), or on another
 * origin than the page without `allowCrossOrigin`: credentials are never sent to a third party silently.
 */
export function resolveEndpoint(endpoint: string | null | undefined, base: string | undefined, pageOrigin: string | undefined, allowCrossOrigin = false): string {
  if (!endpoint) throw new SessionTokenError('invalid-config', 'the "endpoint" option (attribute) is required');
  let url: URL;
  try {
    url = new URL(endpoint, base);
  } catch (cause) {
    throw new SessionTokenError('invalid-config', `endpoint "${endpoint}" is not a valid URL`, { cause });
  }
  if (!/^https?:$/.test(url.protocol)) throw new SessionTokenError('invalid-config', `endpoint "${endpoint}" is not an http(s) URL`);
  if (pageOrigin && url.origin !== pageOrigin && !allowCrossOrigin) {
    throw new SessionTokenError('invalid-config', `endpoint "${url.origin}" is on another origin: set cross-origin to send credentials there`);
  }
  return url.href;
}
