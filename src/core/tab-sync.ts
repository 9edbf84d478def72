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
  /** Another tab learnt that the session is gone. */
  signOut(): void;
}

export interface TabSync {
  postToken(token: Token): void;
  postSignOut(): void;
  /** Closes the channel (a page entering the back/forward cache must not receive messages) or opens it again. */
  pause(): void;
  resume(): void;
}

export function createTabSync({ endpoint, factory, clock, offer, signOut }: TabSyncOptions): TabSync {
  const open = () => openChannel(endpoint, onMessage, factory);
  let channel: SessionChannel | null = open();

  function onMessage(message: ChannelMessage) {
    if (message.type === 'signout') signOut();
    else if (message.type === 'token') {
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
    postSignOut: () => channel?.post({ type: 'signout' }),
    pause() {
      channel?.close();
      channel = null;
    },
    resume() {
      channel ??= open();
    },
  };
}
