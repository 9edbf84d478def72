// Cross-tab messages for one endpoint. Small, versioned and validated: whatever else is posted on the
// channel (another version, another library, a hostile frame) is ignored, never thrown on.

const VERSION = 1;

export type ChannelMessage =
  /** A token this tab adopted; `ageMs` is how long ago it was received, so each tab places it on its own clock. */
  | { v: typeof VERSION; type: 'token'; endpoint: string; jws: string; ageMs: number }
  /** The endpoint confirmed the session is gone, answering a request sent `ageMs` ago (absent: just now). */
  | { v: typeof VERSION; type: 'signout'; endpoint: string; ageMs?: number }
  /** A tab with no token asks the tabs that hold one (see presence.ts) for it. */
  | { v: typeof VERSION; type: 'ask'; endpoint: string };

type Outgoing = { type: 'token'; jws: string; ageMs: number } | { type: 'signout'; ageMs: number } | { type: 'ask' };

export interface SessionChannel {
  post(message: Outgoing): void;
  close(): void;
}

export type ChannelFactory = (name: string) => Pick<BroadcastChannel, 'postMessage' | 'close' | 'addEventListener'>;

/** Opens the channel of `endpoint`; with a null factory (no BroadcastChannel), a channel that goes nowhere. */
export function openChannel(endpoint: string, onMessage: (message: ChannelMessage) => void, factory: ChannelFactory | null): SessionChannel {
  if (!factory) return { post() {}, close() {} };
  const channel = factory(`session-token:${endpoint}`);
  channel.addEventListener('message', (event) => {
    const message = parseMessage((event as MessageEvent).data, endpoint);
    if (message) onMessage(message);
  });
  return {
    post(message) {
      try {
        channel.postMessage({ v: VERSION, endpoint, ...message });
      } catch {
        // Sharing with other tabs is best effort (a closed or broken channel throws): it never costs this tab anything.
      }
    },
    close: () => channel.close(),
  };
}

/** The message, when `data` is a well-formed message of this version for `endpoint`; otherwise null. */
export function parseMessage(data: unknown, endpoint: string): ChannelMessage | null {
  const message = data as ChannelMessage | null;
  if (message?.v !== VERSION || message.endpoint !== endpoint) return null;
  const { type, jws, ageMs } = message as { type?: string; jws?: unknown; ageMs?: number };
  // A token's age is required (it places the token on this tab's clock); a sign-out's is optional (older tabs send none).
  return (type === 'token' ? typeof jws === 'string' && ageMs! >= 0 : (type === 'signout' && !(ageMs! < 0)) || type === 'ask') ? message : null;
}
