// One refresh attempt, made while this tab holds the refresh lock.
import type { Clock } from './clock.js';
import { SessionTokenError } from './errors.js';
import { fetchToken, type FetchTokenOptions } from './fetcher.js';
import type { Verify } from './jwks.js';
import type { Presence } from './presence.js';
import { sleep } from './retry.js';
import type { TabSync } from './tab-sync.js';
import type { Token } from './token.js';

/** How long a tab waits for a live sibling's token (it answers in a few ms) before asking the endpoint: a frozen sibling never answers. */
export const ASK_WAIT_MS = 1_000;

export interface AttemptOptions {
  request: Omit<FetchTokenOptions, 'signal'>;
  clock: Clock;
  presence: Presence;
  tabs: TabSync;
  verify: Verify | undefined;
  /** The token this tab holds, usable or not. */
  held(): Token | null;
  /** Whether `token` may still be handed out. */
  usable(token: Token): boolean;
  /** Adopts the fetched token (which ends the run); resolves once other tabs can see this tab holds it. */
  adopt(token: Token): Promise<void>;
  /** Called with the moment the request was sent, just before it is. */
  sending(at: number): void;
}

/**
 * A newer token than this tab's, held by another tab (it was just fetched and its broadcast is on its way,
 * or this tab is new and asks for it), else the endpoint's. Adopting a token ends the run (aborts
 * `signal`); the lock is released once other tabs can see this tab holds it.
 */
export async function attempt(options: AttemptOptions, signal: AbortSignal): Promise<void> {
  const { clock, presence, tabs, verify } = options;
  if ((await presence.newest()) > (options.held()?.claims.iat ?? -Infinity)) {
    tabs.postAsk();
    await sleep(clock, ASK_WAIT_MS, signal).done;
  }
  options.sending(clock.now());
  const token = await fetchToken({ ...options.request, signal });
  await verify?.(token.jws);
  signal.throwIfAborted(); // dispose(), a sign-out or another tab's token while the signature was checked: drop it
  if (!options.usable(token)) throw new SessionTokenError('invalid-token', 'the token came too late to be used: the endpoint answers slower than its tokens live');
  const shown = options.adopt(token);
  tabs.postToken(token);
  await shown;
}
