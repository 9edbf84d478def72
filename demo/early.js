// Runs first, before dist/session-token.js, for the demo page only (nothing <session-token> needs):
// 1. Gives this tab an id in its URL (?tab=…). The browser sends the URL as Referer, so the demo
//    server can tell which tab made each token request; the timeline draws them per tab.
// 2. Keeps the session events from the very start. The first token often arrives before the deferred
//    scripts (the event log, the timeline) run; they replay what they missed via demoEvents.subscribe().
(() => {
  'use strict';

  const url = new URL(location.href);
  let tab = url.searchParams.get('tab');
  if (!tab || !/^[a-z0-9]{1,12}$/.test(tab)) {
    tab = Math.random().toString(36).slice(2, 6);
    url.searchParams.set('tab', tab);
    history.replaceState(history.state, '', url);
  }
  document.documentElement.dataset.tab = tab;

  const MAX_KEPT = 500;
  const kept = [];
  const subscribers = new Set();

  for (const type of ['tokenupdate', 'tokenerror', 'signedout', 'statuschange']) {
    document.addEventListener(type, (event) => {
      const item = { type, at: Date.now(), detail: event.detail, target: event.target };
      kept.push(item);
      if (kept.length > MAX_KEPT) kept.shift();
      subscribers.forEach((notify) => notify(item));
    });
  }

  window.demoEvents = {
    tab,
    /** Calls `notify({ type, at, detail, target })` for every event so far, then for each new one. */
    subscribe(notify) {
      kept.forEach(notify);
      subscribers.add(notify);
      return () => subscribers.delete(notify);
    },
  };
})();
