// Demo page wiring. Loaded as an external script so the page runs under a strict CSP
// (no inline scripts or handlers). Everything <session-token> does on its own needs none of this.
(() => {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const el = $('session');
  const STATS_INTERVAL_MS = 2000;
  const MAX_LOG_ENTRIES = 200;

  if (!customElements.get('session-token')) $('load-warning').hidden = false;

  // ---------------------------------------------------------------------------------------------
  // Event log: the element's events bubble and are composed, so listening on document is enough.

  const describe = {
    tokenupdate: ({ source, claims, expiresAt }) =>
      `source=${source} · sid ${short(claims?.sid)} · expires ${clock(expiresAt)} (local)`,
    tokenerror: ({ error, willRetry }) =>
      `${error?.code ?? 'error'}${error?.status ? ` (${error.status})` : ''}: ${error?.message ?? ''} · ` +
      (willRetry ? 'will retry' : 'no retry'),
    signedout: ({ reason }) => `reason=${reason}`,
  };

  for (const type of Object.keys(describe)) {
    document.addEventListener(type, (event) => log(type, describe[type](event.detail ?? {}), event.target));
  }

  new MutationObserver(() => log('status', `status → ${el.getAttribute('status')}`, el)).observe(el, {
    attributes: true,
    attributeFilter: ['status'],
  });

  function log(type, text, target) {
    const item = document.createElement('li');
    item.className = type === 'status' || type === 'demo' ? 'demo' : type;
    item.append(
      span('time', clock(Date.now())),
      span('type', type),
      span('target', target ? targetName(target) : ''),
      span('detail', text),
    );
    const list = $('log');
    list.prepend(item);
    while (list.children.length > MAX_LOG_ENTRIES) list.lastElementChild.remove();
  }

  function targetName(node) {
    if (!(node instanceof Element)) return 'document';
    if (node.id) return `#${node.id}`;
    return node.classList.length ? `.${node.classList[0]}` : node.localName;
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
    $('claim-sid').textContent = claims?.sid ?? '—';
    $('claim-iat').textContent = claims ? `${claims.iat} (${clock(claims.iat * 1000)} server time)` : '—';
    $('claim-exp').textContent = claims ? `${claims.exp} (${clock(claims.exp * 1000)} server time)` : '—';

    const meter = $('expiry-meter');
    const zone = $('zone');
    if (!el.token || typeof el.expiresAt !== 'number') {
      $('expires-in').textContent = '—';
      meter.hidden = true;
      zone.textContent = '';
      return;
    }
    const remaining = Math.max(0, (el.expiresAt - Date.now()) / 1000);
    const threshold = Math.max(5, Number(el.refreshThreshold) || 15);
    $('expires-in').textContent = `${Math.ceil(remaining)} s`;
    meter.hidden = false;
    meter.max = Math.max(1, claims.exp - claims.iat);
    meter.high = threshold;
    meter.value = remaining;
    const name = remaining > threshold ? 'fresh' : remaining > 5 ? 'stale' : 'expired';
    zone.dataset.zone = name;
    zone.textContent = {
      fresh: 'fresh: served from cache',
      stale: `stale (≤ ${threshold} s): served at once, refreshed in background`,
      expired: 'expired (≤ 5 s): getToken() waits for a fetch',
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
  $('open-tab').addEventListener('click', () => window.open(location.href, '_blank'));

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

  let settings = { lifetime: 60, failNext: 0, delayMs: 0, iatOffset: 0 };

  $('fail-next').addEventListener('click', () => changeSettings({ failNext: 3 }, 'next 3 token requests fail'));
  $('slow').addEventListener('click', () =>
    changeSettings({ delayMs: settings.delayMs ? 0 : 3000 }, settings.delayMs ? 'fast responses' : 'slow responses (3 s)'),
  );
  $('short').addEventListener('click', async () => {
    const lifetime = settings.lifetime === 20 ? 60 : 20;
    if (await changeSettings({ lifetime }, `token lifetime ${lifetime} s`)) await refresh('new lifetime');
  });
  $('skew').addEventListener('click', async () => {
    const iatOffset = settings.iatOffset ? 0 : 600;
    if (await changeSettings({ iatOffset }, iatOffset ? 'server clock +10 min' : 'server clock correct')) {
      await refresh('new server clock');
    }
  });
  $('reset').addEventListener('click', () =>
    changeSettings({ lifetime: 60, failNext: 0, delayMs: 0, iatOffset: 0 }, 'knobs reset'),
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
    $('settings').textContent = JSON.stringify(settings).replaceAll(',', ', ');
    $('slow').setAttribute('aria-pressed', String(settings.delayMs > 0));
    $('short').setAttribute('aria-pressed', String(settings.lifetime === 20));
    $('skew').setAttribute('aria-pressed', String(settings.iatOffset !== 0));
    const failNext = $('fail-next');
    failNext.classList.toggle('pending', settings.failNext > 0);
    failNext.textContent = settings.failNext > 0
      ? `Next 3 requests fail (500) · ${settings.failNext} left`
      : 'Next 3 requests fail (500)';
  }

  async function pollStats() {
    try {
      const res = await fetch('/api/demo/stats', { cache: 'no-store' });
      if (res.ok) renderStats(await res.json());
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
      return res.status === 204 ? true : await res.json();
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
