// A wtr plugin for tests that navigate real top-level tabs: the `tab-*` server commands, and a koa
// middleware serving the multi-page site (test/pages/site.mjs).
//
// Wiring (web-test-runner.config.mjs), as for the token server: the plugin in `plugins`, its
// `middleware` in `middleware` (a plugin's serve() would pass pages through the transform cache).
//
// Commands (payload → result), for the browser-side helpers in test/pages/tabs.ts:
//   tab-open       {}                          → { tab }   a new window beside the test page, sharing its cookies
//   tab-goto       { tab, url }                → Navigation (url resolved against the test page)
//   tab-click      { tab, selector }           → Navigation
//   tab-back       { tab }                     → Navigation
//   tab-eval       { tab, expression }         → { value }: its JSON value
//   tab-wait       { tab, expression, timeout? } → its JSON value, once truthy
//   tab-close-all  {}                          → true   (this test file's tabs)
// The commands reach puppeteer (Chromium, Firefox) through ChromeLauncher.getPage(sessionId), and
// webdriverio (WebKit) through WebdriverLauncher.driver: a second window of the test page's own session.
import { createIssuer } from '../../demo/issuer.mjs';
import { siteRoute } from './site.mjs';
import { openTab, openWebDriverTab } from './tab.mjs';

/** A new window beside the test page of `session`, in whichever launcher runs it. */
function openBeside(session) {
  const { browser } = session;
  if (browser.type === 'puppeteer') return openTab(browser.getPage(session.id).browserContext());
  if (browser.type === 'webdriver' && browser.driver) return openWebDriverTab(browser.driver);
  throw new Error(`tab-open: no top-level pages with the ${browser.type} launcher`);
}

export function tabsPlugin() {
  let issuer;
  const getIssuer = () => (issuer ??= createIssuer());
  /** @type {Map<string, { sessionId: string, tab: Awaited<ReturnType<typeof openTab>> }>} */
  const tabs = new Map();
  let lastId = 0;

  const tabOf = (id, sessionId) => {
    const entry = tabs.get(id);
    if (!entry || entry.sessionId !== sessionId) throw new Error(`no open tab ${id}`);
    return entry.tab;
  };

  async function closeAll(sessionId) {
    for (const [id, entry] of tabs) {
      if (entry.sessionId !== sessionId) continue;
      tabs.delete(id);
      await entry.tab.close().catch(() => {});
    }
  }

  return {
    name: 'tabs',

    /** @type {import('koa').Middleware} */
    async middleware(ctx, next) {
      const routed = await siteRoute(ctx.URL, getIssuer);
      if (!routed) return next();
      ctx.status = routed.status;
      for (const [name, value] of Object.entries(routed.headers)) ctx.set(name, value);
      ctx.body = routed.body;
    },

    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('tab-')) return undefined;
      const p = /** @type {any} */ (payload ?? {});
      switch (command) {
        case 'tab-open': {
          const id = String(++lastId);
          tabs.set(id, { sessionId: session.id, tab: await openBeside(session) });
          return { tab: id };
        }
        case 'tab-goto':
          return tabOf(p.tab, session.id).goto(new URL(p.url, await session.browser.getBrowserUrl(session.id)).href);
        case 'tab-click':
          return tabOf(p.tab, session.id).click(p.selector);
        case 'tab-back':
          return tabOf(p.tab, session.id).back();
        case 'tab-eval':
          // Wrapped: the runner takes a null or undefined result for "no plugin knew this command".
          return { value: await tabOf(p.tab, session.id).evaluate(p.expression) };
        case 'tab-wait':
          return tabOf(p.tab, session.id).waitFor(p.expression, p.timeout);
        case 'tab-close-all':
          await closeAll(session.id);
          return true;
        default:
          throw new Error(`unknown command ${command}`);
      }
    },
  };
}
