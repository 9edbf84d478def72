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

export const ATTRIBUTE_NAMES = [
  'endpoint', 'refreshThreshold', 'cookieName', 'jwks', 'crossOrigin', 'method', 'tokenField', 'csrfHeader',
  'csrfCookie', 'csrfMeta', 'signedOutStatus', 'apiOrigins', 'initialToken',
] as const satisfies ReadonlyArray<keyof SessionAttributes>;

/** `cookieName` → `cookie-name`: how an option is named where users set it. */
export const attributeName = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The attributes a user set, as comparable text (whitespace-separated lists normalised); unset ones are left out. */
export function explicitAttributes(attributes: SessionAttributes): Map<string, string> {
  const set = new Map<string, string>();
  for (const name of ATTRIBUTE_NAMES) {
    const value = attributes[name];
    if (value == null || value === false) continue;
    set.set(name, value === true || (name === 'crossOrigin' && value === '') ? 'true' : String(value).trim().split(/\s+/).join(' '));
  }
  return set;
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
