import { expect, fixture, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { SessionTokenError } from '../../src/core/errors.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { eventually } from '../helpers/harness.js';
import { firstEvent } from '../helpers/events.js';

// Logs end up in browser consoles, error trackers and support tickets: none may carry a token, and
// errors carry codes and statuses, never the token they refused.

/** Everything a value would show when logged, errors with their stack and causes included. */
function printed(value: unknown, depth = 0): string {
  if (depth > 4) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Error) {
    const own = Object.entries(value).map(([key, field]) => `${key}=${printed(field, depth + 1)}`).join(' ');
    return `${value.name}: ${value.message} ${own}\n${value.stack ?? ''}\n${printed(value.cause, depth + 1)}`;
  }
  if (value instanceof Event) return `${value.type} ${printed((value as Event & { detail?: unknown }).detail, depth + 1)}`;
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).map(([key, field]) => `${key}=${printed(field, depth + 1)}`).join(' ');
  }
  return String(value);
}

/** Records every console call and every uncaught error or rejection until `stop()`. */
function recordConsole() {
  const lines: string[] = [];
  const originals = new Map<string, (...args: unknown[]) => void>();
  const target = console as unknown as Record<string, unknown>;
  for (const [name, original] of Object.entries(console)) {
    if (typeof original !== 'function') continue;
    originals.set(name, original);
    target[name] = (...args: unknown[]) => {
      lines.push(`console.${name}: ${args.map((arg) => printed(arg)).join(' ')}`);
      return (original as (...args: unknown[]) => unknown).apply(console, args);
    };
  }
  const onError = (event: ErrorEvent) => lines.push(`error: ${event.message} ${printed(event.error)}`);
  const onRejection = (event: PromiseRejectionEvent) => lines.push(`unhandledrejection: ${printed(event.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    lines,
    stop() {
      originals.forEach((original, name) => (target[name] = original));
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/**
 * Every 24-character run of a token's payload and signature: a cut or partly quoted token still
 * leaks. (The header is left out: it is the same for every token of an issuer.)
 */
function secretsOf(jws: string): string[] {
  const [, payload = '', signature = ''] = jws.split('.');
  return [payload, signature].flatMap((part) => Array.from({ length: Math.max(0, part.length - 23) }, (_, i) => part.slice(i, i + 24)));
}

describe('nothing sensitive in logs', () => {
  it('logs no token, and puts none in errors, through sign-in, a 500, a refused token, refreshes and sign-out', async () => {
    const endpoint = createEndpoint();
    // A real signed token the session must refuse (it lives 3 s, too short to hand out): fetched
    // here first, so the test knows the string it must never see again.
    await endpoint.script([{ lifetime: 3 }]);
    const refused = ((await (await fetch(endpoint.url, { method: 'POST' })).json()) as { jwt: string }).jwt;
    await endpoint.script([{}, { status: 500 }, {}, { body: JSON.stringify({ jwt: refused }) }, {}, { status: 401 }]);

    const tokens: string[] = [refused];
    const errors: SessionTokenError[] = [];
    // A refresh() waiting out a backoff step gets the last error at once when asked again.
    const rejections: unknown[] = [];
    const refreshInBackground = (el: SessionTokenElement) => void el.refresh().catch((error) => rejections.push(error));
    const recorder = recordConsole();
    try {
      const el = await fixture<SessionTokenElement>(`<session-token endpoint="${endpoint.url}"></session-token>`);
      el.addEventListener('tokenupdate', (event) => tokens.push(event.detail.token));
      el.addEventListener('tokenerror', (event) => errors.push(event.detail.error));
      await firstEvent(el, 'tokenupdate');
      tokens.push(el.token!);

      // 500: retried after a backoff; refresh() asks again at once.
      refreshInBackground(el);
      await eventually(() => errors.length === 1, 'the 500 reported');
      await el.refresh();
      // The refused token, then a good one.
      refreshInBackground(el);
      await eventually(() => errors.length === 2, 'the refused token reported');
      await el.refresh();
      expect(el.status).to.equal('signed-in');
      // 401: signed out.
      const signedOut = oneEvent(el, 'signedout');
      await el.refresh();
      await signedOut;
      el.remove();
    } finally {
      recorder.stop();
    }

    expect(errors.map((error) => error.code)).to.deep.equal(['server', 'invalid-token']);
    expect(new Set(tokens).size, 'distinct tokens seen').to.be.at.least(3);
    const secrets = tokens.flatMap(secretsOf);
    const leaks = recorder.lines.filter((line) => secrets.some((secret) => line.includes(secret)));
    expect(leaks, 'console lines carrying a token').to.deep.equal([]);
    const errorTexts = [...errors, ...rejections].map((error) => printed(error));
    expect(errorTexts.filter((text) => secrets.some((secret) => text.includes(secret))), 'errors carrying a token').to.deep.equal([]);
  });
});
