// What one tab's session says to and takes from the other tabs of its endpoint: new tokens, sign-outs,
// and "does anyone hold a token?" from a tab that just opened.
import { openChannel, type ChannelFactory, type ChannelMessage } from './channel.js';
import type { Clock } from './clock.js';
import { parseToken, sameSession, type Token } from './token.js';
import type { Verify } from './jwks.js';
import { usableUntil } from './zones.js';

export const ASK_TIMEOUT_MS = 50;

export interface TabSyncOptions {
  endpoint: string;
  /** null: no cross-tab sharing. */
  factory: ChannelFactory | null;
  clock: Clock;
  verify?: Verify;
  askTimeoutMs?: number;
  /** The token this tab holds now. */
  held(): Token | null;
  /** Another tab's token passed every check. */
  adopt(token: Token): void;
  /** Another tab learnt that the session is gone. */
  signOut(): void;
}

export interface TabSync {
  postToken(token: Token): void;
  postSignOut(): void;
  /** Asks the other tabs once per session; resolves when one answers with a token, or after the timeout. */
  askOnce(): Promise<void>;
  close(): void;
}

export function createTabSync(options: TabSyncOptions): TabSync {
  const { clock, verify, held } = options;
  const channel = openChannel(options.endpoint, onMessage, options.factory);
  let asked = options.factory === null;
  let answered: (() => void) | null = null;
  let closed = false;

  function onMessage(message: ChannelMessage) {
    if (closed) return;
    const token = held();
    if (message.type === 'signout') options.signOut();
    else if (message.type !== 'ask') void consider(message.jws, message.ageMs);
    else if (token && clock.now() < usableUntil(token)) post(token);
  }

  /** A broadcast token is adopted only if it decodes, verifies, belongs to the held session and is newer. */
  async function consider(jws: string, ageMs: number) {
    const acceptable = (candidate: Token, token = held()) =>
      !closed && clock.now() < usableUntil(candidate) && (!token || (sameSession(token, candidate) && isNewer(candidate, token)));
    let candidate: Token;
    try {
      candidate = parseToken(jws, clock.now() - ageMs);
      if (!acceptable(candidate)) return;
      await verify?.(jws);
    } catch {
      return; // Not a valid token: whatever posted it is not a session-token tab of this endpoint.
    }
    if (!acceptable(candidate)) return;
    options.adopt(candidate);
    answered?.();
  }

  const post = (token: Token) => channel.post({ type: 'token', jws: token.jws, ageMs: clock.now() - token.localIat });

  return {
    postToken: post,
    postSignOut: () => channel.post({ type: 'signout' }),
    askOnce() {
      if (asked) return Promise.resolve();
      asked = true;
      return new Promise((resolve) => {
        const done = () => {
          clock.clearTimeout(timer);
          answered = null;
          resolve();
        };
        const timer = clock.setTimeout(done, options.askTimeoutMs ?? ASK_TIMEOUT_MS);
        answered = done;
        channel.post({ type: 'ask' });
      });
    },
    close() {
      closed = true;
      channel.close();
    },
  };
}

/** Older tokens (by `iat`) never replace newer ones; within one second of `iat`, the one that lives longer wins. */
function isNewer(candidate: Token, held: Token): boolean {
  if (candidate.jws === held.jws || candidate.claims.iat < held.claims.iat) return false;
  return candidate.claims.iat > held.claims.iat || candidate.expiresAt > held.expiresAt;
}
