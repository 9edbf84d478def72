// What one tab's session says to and takes from the other tabs of its endpoint: new tokens and sign-outs.
import { openChannel, type ChannelFactory, type ChannelMessage, type SessionChannel } from './channel.js';
import type { Clock } from './clock.js';
import { parseToken, type Token } from './token.js';

export interface TabSyncOptions {
  endpoint: string;
  /** null: no cross-tab sharing. */
  factory: ChannelFactory | null;
  clock: Clock;
  /** Another tab's token: adopted if it may replace the held one (and verifies). */
  offer(token: Token): unknown;
  /** Another tab learnt that the session is gone, from a request it sent at `sentAt` (on this tab's clock). */
  signOut(sentAt: number): void;
  /** A tab with no token asks for this one's. */
  ask(): void;
  /** The page may not open a channel (an opaque-origin frame): it goes on without one. */
  unavailable(cause: unknown): void;
}

export interface TabSync {
  postToken(token: Token): void;
  /** The endpoint answered a request sent at `sentAt` with a sign-out. */
  postSignOut(sentAt: number): void;
  /** Asks the tabs that hold a token for it (they answer with postToken). */
  postAsk(): void;
  /** Closes the channel (a page entering the back/forward cache must not receive messages) or opens it again. */
  pause(): void;
  resume(): void;
}

export function createTabSync({ endpoint, factory, clock, offer, signOut, ask, unavailable }: TabSyncOptions): TabSync {
  const open = () => {
    try {
      return openChannel(endpoint, onMessage, factory);
    } catch (cause) {
      unavailable(cause);
      return null;
    }
  };
  let channel: SessionChannel | null = open();

  function onMessage(message: ChannelMessage) {
    if (message.type === 'signout') signOut(clock.now() - (message.ageMs ?? 0));
    else if (message.type === 'ask') ask();
    else {
      try {
        offer(parseToken(message.jws, clock.now() - message.ageMs));
      } catch {
        // Not a valid token: whatever posted it is not a session-token tab of this endpoint.
      }
    }
  }

  const post = (token: Token) => channel?.post({ type: 'token', jws: token.jws, ageMs: clock.now() - token.localIat });

  return {
    postToken: post,
    postSignOut: (sentAt) => channel?.post({ type: 'signout', ageMs: clock.now() - sentAt }),
    postAsk: () => channel?.post({ type: 'ask' }),
    pause() {
      channel?.close();
      channel = null;
    },
    resume() {
      channel ??= open();
    },
  };
}
