// Browser-side handles on real top-level tabs, opened and driven by the `tab-*` server commands
// (test/pages/tabs-plugin.mjs), and on the multi-page site they visit (test/pages/site.mjs).
import { executeServerCommand } from '@web/test-runner-commands';

/** How a navigation was served, as the page saw it (test/pages/tab.mjs). */
export interface Navigation {
  /** Shown from the back/forward cache: the page's last `pageshow` had `persisted`. */
  restored: boolean;
  /** The page's navigation timing entry's type ('navigate', 'back_forward', …); a restored page keeps its first load's. */
  type: string | null;
  /** Why it was not restored, where the engine says (Chromium's `notRestoredReasons`, e.g. 'broadcastchannel-message'), else null. */
  reasons: string[] | null;
}

/** What a page of the site recorded (window.__page). Times from performance.now() are ms since its navigation start. */
export interface PageRecord {
  /** 'pageshow:false', 'pagehide:true', 'pageshow:true' (restored from the cache), … */
  log: string[];
  /** Every tokenupdate; `at` and `expiresAt` on Date.now()'s clock, `t` on performance.now()'s. */
  updates: Array<{ source: string; token: string; expiresAt: number; at: number; t: number }>;
  errors: string[];
  /** The page's first SessionToken.getToken(), called right after the library's script tag. */
  first?: { token?: string | null; error?: string; at: number };
  /** When the library had loaded: its script had run, and the page's next script starts. */
  libraryLoadedAt: number;
  /** When the library's file had arrived (its resource timing responseEnd; null without an entry). */
  libraryFetchedAt: number | null;
  /** getToken() called on each pageshow from the cache: what it resolved and when (Date.now()). */
  restores: Array<{ token?: string | null; error?: string; shownAt: number; at: number }>;
}

export interface Tab {
  goto(path: string): Promise<Navigation>;
  /** A user's click on a link. */
  click(selector: string): Promise<Navigation>;
  back(): Promise<Navigation>;
  /** The JSON value of an expression in the tab (awaited when it is a promise). */
  evaluate<T>(expression: string): Promise<T>;
  /** Waits until an expression in the tab is truthy; resolves its value. */
  waitFor<T>(expression: string, timeoutMs?: number): Promise<T>;
  /** The page's record, once its first getToken() has settled. */
  record(): Promise<PageRecord>;
}

const command = <T>(name: string, payload: Record<string, unknown> = {}) => executeServerCommand<T, Record<string, unknown>>(name, payload);

export async function openTab(): Promise<Tab> {
  const { tab } = await command<{ tab: string }>('tab-open');
  const tabCommand = <T>(name: string, payload: Record<string, unknown> = {}) => command<T>(name, { tab, ...payload });
  return {
    goto: (url) => tabCommand('tab-goto', { url }),
    click: (selector) => tabCommand('tab-click', { selector }),
    back: () => tabCommand('tab-back'),
    evaluate: async <T>(expression: string) => (await tabCommand<{ value: T }>('tab-eval', { expression })).value,
    waitFor: (expression, timeout) => tabCommand('tab-wait', { expression, timeout }),
    record: () => tabCommand('tab-wait', { expression: 'window.__page?.first && window.__page' }),
  };
}

/** Closes the tabs this test file opened. */
export const closeTabs = () => command<true>('tab-close-all');

/** Page `n` of the site (see test/pages/site.mjs for what each option does). */
export function sitePage(options: { endpoint: string; n?: number; cookie?: string; initial?: number; lifetime?: number; busy?: boolean }): string {
  const query = new URLSearchParams({ endpoint: options.endpoint, n: String(options.n ?? 1) });
  if (options.busy) query.set('busy', '1');
  if (options.cookie) query.set('cookie', options.cookie);
  if (options.initial !== undefined) query.set('initial', String(options.initial));
  if (options.lifetime !== undefined) query.set('lifetime', String(options.lifetime));
  return `/__mpa/page?${query}`;
}

/** A cookie's values in a tab's document (more than one when paths or domains differ). */
export const cookieIn = (tab: Tab, name: string) =>
  tab.evaluate<string[]>(`document.cookie.split('; ').filter((pair) => pair.startsWith(${JSON.stringify(`${name}=`)})).map((pair) => pair.slice(${name.length + 1}))`);

/** Removes the mirrored cookie and its receipt (they are shared with the test page: same origin). */
export function clearCookie(name: string): void {
  document.cookie = `${name}=; Path=/; Max-Age=0`;
  document.cookie = `${name}-at=; Path=/; Max-Age=0`;
}

/** The `exp` claim of a JWS, in ms. */
export const expOf = (jws: string) => JSON.parse(atob(jws.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).exp * 1000;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
