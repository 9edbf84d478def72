// An element's session properties and a script tag's data-* attributes carry the same names
// (data-cookie-name is dataset.cookieName), so one reader turns either into createSession() options.
import type { SessionOptions } from '../core/session-types.js';

export interface SessionAttributes {
  endpoint?: string | null;
  refreshThreshold?: number | string | null;
  cookieName?: string | null;
  jwks?: string | null;
  /** A boolean property, or a data attribute that is present (''). */
  crossOrigin?: boolean | string | null;
  method?: string | null;
  tokenField?: string | null;
  csrfHeader?: string | null;
  csrfCookie?: string | null;
  csrfMeta?: string | null;
  signedOutStatus?: string | null;
  apiOrigins?: string | null;
  initialToken?: string | null;
}

const list = (value: string | null | undefined) => (value ? value.trim().split(/\s+/) : undefined);
const text = (value: string | null | undefined) => value || undefined;

export function sessionOptions(attributes: SessionAttributes, headers?: SessionOptions['headers']): SessionOptions {
  const { refreshThreshold: threshold, csrfHeader } = attributes;
  return {
    endpoint: attributes.endpoint ?? '',
    refreshThreshold: threshold == null || threshold === '' ? null : Number(threshold),
    cookieName: text(attributes.cookieName),
    jwks: text(attributes.jwks),
    allowCrossOrigin: attributes.crossOrigin === true || attributes.crossOrigin === '',
    method: text(attributes.method),
    tokenField: text(attributes.tokenField),
    csrf: csrfHeader ? { header: csrfHeader, cookie: text(attributes.csrfCookie), meta: text(attributes.csrfMeta) } : undefined,
    signedOutStatus: list(attributes.signedOutStatus)?.map(Number),
    apiOrigins: list(attributes.apiOrigins),
    initialToken: text(attributes.initialToken),
    headers,
  };
}
