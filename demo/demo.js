// Demo page wiring. Loaded as an external script so the page runs under a strict CSP
// (no inline scripts or handlers). Everything <session-token> does on its own needs none of this.
(() => {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const el = $('session');
  const tab = window.demoEvents?.tab ?? '?';
  const STATS_INTERVAL_MS = 1000;
  const MAX_LOG_ENTRIES = 200;

  if (!customElements.get('session-token')) $('load-warning').hidden = false;

  // ---------------------------------------------------------------------------------------------
  // Event log: the element's events bubble and are composed, so listening on document is enough.
  // demo/early.js listened from page start, so the first token (often fetched before this script runs)
  // is in the log too. The CMS block's element shares the session and re-dispatches the same events;
  // they are left out here.

  const describe = {
    tokenupdate: ({ source, claims, expiresAt }) =>
      `source=${source} · sid ${short(claims?.sid)} · expires ${clock(expiresAt)} (local)`,
    tokenerror: ({ error, willRetry }) =>
      `${error?.code ?? 'error'}${error?.status ? ` (${error.status})` : ''}: ${error?.message ?? ''} · ` +
      (willRetry ? 'will retry' : 'no retry'),
    signedout: ({ reason }) => `reason=${reason}`,
    statuschange: ({ status }) => `status → ${status}`,
  };

  window.demoEvents?.subscribe(({ type, at, detail, target }) => {
    if (target === el) log(type, describe[type](detail ?? {}), at);
  });

  function log(type, text, at = Date.now()) {
    const item = document.createElement('li');
    item.className = type === 'statuschange' || type === 'demo' ? 'demo' : type;
    item.append(span('time', clock(at)), span('type', type), span('detail', text));
    const list = $('log');
    list.prepend(item);
    while (list.children.length > MAX_LOG_ENTRIES) list.lastElementChild.remove();
  }

  $('clear-log').addEventListener('click', () => $('log').replaceChildren());

  // ---------------------------------------------------------------------------------------------
  // Token panel: status, claims and a ticking countdown, read straight from the element.

  function renderToken() {
    const status = el.getAttribute('status') ?? el.status ?? '';
    $('status').textContent = status || '—';
    $('status').dataset.status = status;

    const claims = el.claims;
    $('claim-sub').textContent = claims?.sub ?? '—';
    $('claim-sid').textContent = claims ? short(claims.sid) : '—';
    $('claim-iat').textContent = claims ? `${claims.iat} (${clock(claims.iat * 1000)} on the server's clock)` : '—';
    $('claim-exp').textContent = claims ? `${claims.exp} (${clock(claims.exp * 1000)} on the server's clock)` : '—';

    const meter = $('expiry-meter');
    const zone = $('zone');
    if (!el.token || typeof el.expiresAt !== 'number') {
      $('expires-in').textContent = '—';
      meter.hidden = true;
      zone.textContent = '';
      return;
    }
    const remaining = Math.max(0, (el.expiresAt - Date.now()) / 1000);
    const lifetime = Math.max(1, claims.exp - claims.iat);
    // The engine's rule (src/core/zones.ts): the stale zone is refresh-threshold long (15 s by default),
    // but at most half the token's life and at least the 5 s expiry margin.
    const threshold = Math.max(5, Number(el.refreshThreshold) || 15);
    const stale = Math.min(threshold, Math.max(5, lifetime / 2));
    $('expires-in').textContent = `${Math.ceil(remaining)} s`;
    meter.hidden = false;
    meter.max = lifetime;
    meter.high = stale;
    meter.value = remaining;
    const name = remaining > stale ? 'fresh' : remaining > 5 ? 'stale' : 'expired';
    zone.dataset.zone = name;
    zone.textContent = {
      fresh: 'fresh: served from cache',
      stale: `stale (last ${stale} s): served at once, refreshed in background`,
      expired: 'expired (last 5 s): getToken() waits for a fetch',
    }[name];
  }

  renderToken();
  setInterval(renderToken, 250);

  // ---------------------------------------------------------------------------------------------
  // Session buttons

  $('sign-in').addEventListener('click', async () => {
    if (await post('/api/sign-in')) await refresh('after sign-in');
  });
  $('sign-out').addEventListener('click', async () => {
    if (await post('/api/sign-out')) await refresh('after sign-out');
  });
  $('refresh').addEventListener('click', () => refresh('Refresh now'));
  $('open-tab').addEventListener('click', () => {
    const url = new URL(location.href);
    url.searchParams.delete('tab'); // the new tab picks its own id (demo/early.js)
    window.open(url, '_blank');
  });

  async function refresh(why) {
    const started = performance.now();
    try {
      const token = await el.refresh();
      const ms = Math.round(performance.now() - started);
      log('demo', `${why}: refresh() → ${token ? 'token' : 'null (signed out)'} in ${ms} ms`);
    } catch (error) {
      log('demo', `${why}: refresh() rejected: ${error?.code ?? error?.name}: ${error?.message}`);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Server knobs and the request counter (state lives on the server, shared by all tabs)

  let settings = { lifetime: 60, failNext: 0, delayMs: 0, iatOffset: 0, offline: false, csrf: false };

  $('fail-next').addEventListener('click', () => {
    const count = Math.min(50, Math.max(1, Math.round(Number($('fail-count').value)) || 3));
    changeSettings({ failNext: count }, `next ${count} token requests fail`);
  });
  $('slow').addEventListener('click', () =>
    changeSettings({ delayMs: settings.delayMs ? 0 : 3000 }, settings.delayMs ? 'fast responses' : 'slow responses (3 s)'),
  );
  $('offline').addEventListener('click', () =>
    changeSettings({ offline: !settings.offline }, settings.offline ? 'token requests answered again' : 'token requests dropped (network failure)'),
  );
  $('csrf').addEventListener('click', () =>
    changeSettings({ csrf: !settings.csrf }, settings.csrf ? 'token requests accepted again' : 'token requests answered 403 (CSRF)'),
  );
  $('short').addEventListener('click', async () => {
    const lifetime = settings.lifetime === 20 ? 60 : 20;
    if (await changeSettings({ lifetime }, `token lifetime ${lifetime} s`)) await refresh('new lifetime');
  });
  for (const [id, offset] of [['skew-back', -3600], ['skew-ahead', 3600]]) {
    $(id).addEventListener('click', async () => {
      const iatOffset = settings.iatOffset === offset ? 0 : offset;
      const what = iatOffset ? `server clock ${iatOffset > 0 ? '+' : '−'}1 h` : 'server clock correct';
      if (await changeSettings({ iatOffset }, what)) await refresh('new server clock');
    });
  }
  $('reset').addEventListener('click', () =>
    changeSettings({ lifetime: 60, failNext: 0, delayMs: 0, iatOffset: 0, offline: false, csrf: false }, 'knobs reset'),
  );

  async function changeSettings(patch, what) {
    const stats = await post('/api/demo/settings', patch);
    if (stats) {
      log('demo', `server: ${what}`);
      renderStats(stats);
    }
    return Boolean(stats);
  }

  function renderStats(stats) {
    settings = stats.settings;
    $('requests').textContent = String(stats.requests);
    const others = Object.entries(stats.byTab ?? {}).filter(([id]) => id !== tab);
    const byTab = [`this tab ${stats.byTab?.[tab] ?? 0}`, ...others.map(([id, n]) => `tab ${id} ${n}`)];
    $('requests-by-tab').textContent = byTab.length ? `(${byTab.join(' · ')})` : '';
    $('settings').textContent = JSON.stringify(settings).replaceAll(',', ', ');
    $('slow').setAttribute('aria-pressed', String(settings.delayMs > 0));
    $('offline').setAttribute('aria-pressed', String(settings.offline === true));
    $('csrf').setAttribute('aria-pressed', String(settings.csrf === true));
    $('short').setAttribute('aria-pressed', String(settings.lifetime === 20));
    $('skew-back').setAttribute('aria-pressed', String(settings.iatOffset === -3600));
    $('skew-ahead').setAttribute('aria-pressed', String(settings.iatOffset === 3600));
    const failNext = $('fail-next');
    failNext.classList.toggle('pending', settings.failNext > 0);
    failNext.textContent = settings.failNext > 0 ? `Failing: ${settings.failNext} left` : 'Fail the next';
  }

  // The server's clock may differ from this one; its log is converted with the offset measured on the
  // quickest round trip so far (offset = server time − the local midpoint of the request).
  let offset = { ms: 0, rtt: Infinity };

  async function pollStats() {
    try {
      const sent = Date.now();
      const res = await fetch('/api/demo/stats', { cache: 'no-store' });
      const received = Date.now();
      if (res.ok) {
        const stats = await res.json();
        if (received - sent <= offset.rtt) offset = { ms: stats.now - (sent + received) / 2, rtt: received - sent };
        renderStats(stats);
        document.dispatchEvent(new CustomEvent('demo-stats', { detail: { stats, offsetMs: offset.ms } }));
      }
    } catch {
      $('requests').textContent = 'server unreachable';
    } finally {
      setTimeout(pollStats, STATS_INTERVAL_MS);
    }
  }
  pollStats();

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** POST to the demo server; resolves the JSON body (or true for 204), or false after logging. */
  async function post(url, body) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: body ? { 'Content-Type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`HTTP ${res.status} ${await res.text()}`);
      if (!body) log('demo', `POST ${url} → ${res.status}`);
      if (res.status === 204) return true;
      const json = await res.json();
      document.dispatchEvent(new CustomEvent('demo-stats', { detail: { stats: json, offsetMs: offset.ms } }));
      return json;
    } catch (error) {
      log('demo', `POST ${url} failed: ${error.message}`);
      return false;
    }
  }

  function span(className, text) {
    const node = document.createElement('span');
    node.className = className;
    node.textContent = text;
    return node;
  }

  function clock(ms) {
    return typeof ms === 'number' ? new Date(ms).toLocaleTimeString([], { hour12: false }) : '—';
  }

  function short(id) {
    return typeof id === 'string' ? id.slice(0, 8) : '—';
  }
})();
