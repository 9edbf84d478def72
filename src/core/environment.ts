// Everything a session takes from the browser, resolved in this one place. The rest of the core reaches
// the browser only through what it is given, so tests and simulations pass their own.
import { navigationStart, systemClock, type Clock } from './clock.js';
import { resolveEndpoint } from './endpoint.js';
import type { ChannelFactory } from './channel.js';
import { documentCookieJar, type CookieJar } from './cookie.js';
import { createBrowserSignals, type BrowserSignals } from './signals.js';

export interface Environment {
  clock: Clock;
  signals: BrowserSignals;
  cookies: CookieJar;
  /** null: no cross-tab sharing. */
  channel: ChannelFactory | null;
  /** null: refreshes without a cross-tab lock. */
  locks: LockManager | null;
  fetch: typeof globalThis.fetch;
  /** The page, where CSRF meta tags are read. */
  document: Document | undefined;
  /** When the page's navigation started, on `clock`. */
  pageStart: number;
}

/** `given` wins for each part; undefined means "the browser's own", null (where allowed) means "none". */
export function resolveEnvironment(given: Partial<Environment>): Environment {
  return {
    clock: given.clock ?? systemClock,
    signals: given.signals ?? createBrowserSignals(globalThis.window),
    cookies: given.cookies ?? documentCookieJar(given.document ?? globalThis.document),
    channel: given.channel !== undefined ? given.channel : typeof BroadcastChannel === 'function' ? (name) => new BroadcastChannel(name) : null,
    locks: given.locks !== undefined ? given.locks : (globalThis.navigator?.locks ?? null),
    // Called unbound: the browser's fetch throws "Illegal invocation" when `this` is not the window.
    fetch: given.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    document: given.document ?? globalThis.document,
    pageStart: given.pageStart ?? (given.clock ? given.clock.now() : navigationStart()),
  };
}

/** The page's URL and origin, against which endpoints are resolved (`self.origin`: a srcdoc iframe has its parent's). */
export const pageUrl = () => globalThis.document?.baseURI;
export const pageOrigin = () => globalThis.origin;

/** `options.endpoint` as an absolute URL, resolved against `baseUrl` or the page (see resolveEndpoint). */
export const endpointOf = (options: { endpoint: string | null | undefined; baseUrl?: string; allowCrossOrigin?: boolean }) =>
  resolveEndpoint(options.endpoint, options.baseUrl ?? pageUrl(), options.baseUrl ? new URL(options.baseUrl).origin : pageOrigin(), options.allowCrossOrigin);
