// The browser moments that matter to a session: connectivity, visibility and focus. Listeners are attached
// on first subscribe and removed after the last, so an idle page with no session holds none.

export type Trigger = 'online' | 'offline' | 'visible' | 'focus';

export interface NetworkWatch {
  isOnline(): boolean;
  /** Resolves on the next `online` event (at once if online), rejects when the signal aborts. */
  whenOnline(signal: AbortSignal): Promise<void>;
}

export interface BrowserSignals extends NetworkWatch {
  isVisible(): boolean;
  subscribe(listener: (trigger: Trigger) => void): () => void;
}

/** Signals read from a window (none: always online and visible, no triggers). */
export function createBrowserSignals(win: Window | undefined): BrowserSignals {
  const listeners = new Set<(trigger: Trigger) => void>();
  const emit = (trigger: Trigger) => listeners.forEach((listener) => listener(trigger));
  const handlers: Array<[EventTarget, string, () => void]> = win
    ? [
        [win, 'online', () => emit('online')],
        [win, 'offline', () => emit('offline')],
        [win, 'focus', () => emit('focus')],
        [win.document, 'visibilitychange', () => win.document.visibilityState === 'visible' && emit('visible')],
      ]
    : [];
  const signals: BrowserSignals = {
    isOnline: () => win?.navigator.onLine ?? true,
    isVisible: () => win?.document.visibilityState !== 'hidden',
    subscribe(listener) {
      if (listeners.size === 0) handlers.forEach(([target, type, handler]) => target.addEventListener(type, handler));
      listeners.add(listener);
      return () => {
        if (listeners.delete(listener) && listeners.size === 0) {
          handlers.forEach(([target, type, handler]) => target.removeEventListener(type, handler));
        }
      };
    },
    whenOnline: (signal) => whenOnline(signals, signal),
  };
  return signals;
}

/** `whenOnline` for any signals source: waits for its next `online` trigger. */
export function whenOnline(signals: Pick<BrowserSignals, 'isOnline' | 'subscribe'>, signal: AbortSignal): Promise<void> {
  if (signals.isOnline()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(signal.reason);
    };
    const unsubscribe = signals.subscribe((trigger) => {
      if (trigger === 'online') {
        done();
        resolve();
      }
    });
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
