// What the timeline draws: this tab's token life (from the element's events) and what the demo server
// saw (from GET /api/demo/stats). Only records; drawing is session-timeline.ts's job.
// A token's zones come from the engine's own rules (src/core/zones.ts), so the bars show what it does.
import { freshUntil, usableUntil } from '../../src/core/zones.js';
import type { Token, TokenClaims } from '../../src/core/token.js';

export type Status = 'loading' | 'signed-in' | 'signed-out' | 'offline' | 'error';

export interface TokenBar {
  /** When this tab adopted the token (local clock). */
  adoptedAt: number;
  expiresAt: number;
  /** Where the engine turns it stale (and starts a background refresh), and stops handing it out. */
  freshUntil: number;
  usableUntil: number;
  source: 'fetch' | 'broadcast';
  lifetimeS: number;
  /** When a newer token replaced it, or a sign-out dropped it; null while it is the current token. */
  endedAt: number | null;
  endReason: 'replaced' | 'signed out' | null;
  /** Which of two rows it is drawn on, so a token and the one that replaces it can overlap visibly. */
  row: 0 | 1;
}

export type MarkKind = 'fetch' | 'broadcast' | 'retry' | 'gave-up' | 'signedout';
export interface Mark {
  at: number;
  kind: MarkKind;
  text: string;
}

export interface StatusSpan {
  status: Status;
  start: number;
}

/** A token request as the server logged it, converted to this tab's clock. */
export interface ServerRequest {
  id: number;
  tab: string;
  start: number;
  /** null: still running. */
  end: number | null;
  /** HTTP status; 0: connection dropped by the server; 'aborted': by the browser; null: running. */
  status: number | 'aborted' | null;
}

export interface ServerAction {
  id: number;
  tab: string;
  at: number;
  kind: 'sign-in' | 'sign-out' | 'settings';
  patch?: Record<string, number | boolean>;
}

export type RawLogEntry = (ServerRequest & { kind: 'token' }) | ServerAction;

export interface TokenUpdateDetail {
  token: string;
  expiresAt: number;
  source: 'fetch' | 'broadcast';
  claims: TokenClaims;
}
export interface TokenErrorDetail {
  error: { code?: string; message?: string; status?: number };
  willRetry: boolean;
}

/** Keeps a little more than the widest window (10 min). */
const KEEP_MS = 11 * 60_000;

export function createHistory() {
  const tokens: TokenBar[] = [];
  const marks: Mark[] = [];
  const statuses: StatusSpan[] = [];
  let requests: ServerRequest[] = [];
  let actions: ServerAction[] = [];

  const current = () => tokens.filter((bar) => bar.endedAt === null).pop();

  function endCurrent(at: number, reason: 'replaced' | 'signed out') {
    const bar = current();
    if (bar) Object.assign(bar, { endedAt: at, endReason: reason });
  }

  return {
    tokens,
    marks,
    statuses,
    get requests() {
      return requests;
    },
    get actions() {
      return actions;
    },

    tokenAdopted(detail: TokenUpdateDetail, thresholdMs: number, at: number) {
      const { source } = detail;
      endCurrent(at, 'replaced');
      const { claims, expiresAt } = detail;
      const lifetimeS = claims.exp - claims.iat;
      // The engine counts the lifetime from `localIat` (when the request was sent): expiresAt − lifetime.
      const token: Token = { jws: detail.token, claims, expiresAt, localIat: expiresAt - lifetimeS * 1000 };
      const row = tokens.length ? ((1 - tokens[tokens.length - 1].row) as 0 | 1) : 0;
      tokens.push({
        adoptedAt: at, expiresAt, freshUntil: freshUntil(token, thresholdMs), usableUntil: usableUntil(token),
        source, lifetimeS, endedAt: null, endReason: null, row,
      });
      if (source === 'fetch') marks.push({ at, kind: 'fetch', text: `tokenupdate (source fetch): new ${lifetimeS} s token` });
      else marks.push({ at, kind: 'broadcast', text: `tokenupdate (source broadcast): another tab's ${lifetimeS} s token` });
    },

    failed({ error, willRetry }: TokenErrorDetail, at: number) {
      const what = `${error.code ?? 'error'}${error.status ? ` ${error.status}` : ''}`;
      marks.push({ at, kind: willRetry ? 'retry' : 'gave-up', text: `tokenerror: ${what}, ${willRetry ? 'will retry' : 'no retry'}` });
    },

    signedOut(reason: string, at: number) {
      endCurrent(at, 'signed out');
      marks.push({ at, kind: 'signedout', text: `signedout (reason ${reason})` });
    },

    status(status: Status, at: number) {
      if (statuses[statuses.length - 1]?.status !== status) statuses.push({ status, start: at });
    },

    /** Replaces the server's view with its latest log; `offsetMs` is server clock − local clock. */
    server(log: RawLogEntry[], offsetMs: number) {
      const local = (ms: number) => ms - offsetMs;
      requests = log
        .filter((entry): entry is ServerRequest & { kind: 'token' } => entry.kind === 'token')
        .map((entry) => ({ ...entry, start: local(entry.start), end: entry.end === null ? null : local(entry.end) }));
      actions = log
        .filter((entry): entry is ServerAction => entry.kind !== 'token')
        .map((entry) => ({ ...entry, at: local(entry.at) }));
    },

    /** Forgets what ended before the widest window. */
    prune(now: number) {
      const before = now - KEEP_MS;
      const drop = <T>(list: T[], endOf: (item: T) => number) => {
        while (list.length > 1 && endOf(list[0]) < before) list.shift();
      };
      drop(tokens, (bar) => Math.min(bar.endedAt ?? Infinity, bar.expiresAt));
      drop(marks, (mark) => mark.at);
      // A status lasts until the next one starts.
      while (statuses.length > 1 && statuses[1].start < before) statuses.shift();
    },
  };
}

export type History = ReturnType<typeof createHistory>;
