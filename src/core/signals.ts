// The browser moments that matter to a session: connectivity, visibility and focus. Listeners are attached
// on first subscribe and removed after the last, so an idle page with no session holds none.

/**
 * `hide`: the page goes into the back/forward cache; `restore`: it comes back from it; `leave`: a navigation
 * away starts (`beforeunload`), which may or may not end in the cache, or happen at all.
 */
export type Trigger = 'online' | 'offline' | 'visible' | 'focus' | 'hide' | 'restore' | 'leave';

export interface BrowserSignals {
  isOnline(): boolean;
  isVisible(): boolean;
  subscribe(listener: (trigger: Trigger) => void): () => void;
}

/** Signals read from a window (none: always online and visible, no triggers). */
export function createBrowserSignals(win: Window | undefined): BrowserSignals {
  const listeners = new Set<(trigger: Trigger) => void>();
  // Between pagehide and pageshow (in the back/forward cache) nothing else is passed on: Chromium fires
  // visibilitychange before pageshow on a restore, and 'restore' must see the page as it was left.
  let cached = false;
  // All seven reach the window (visibilitychange bubbles up from the document).
  const types = ['online', 'offline', 'focus', 'visibilitychange', 'pagehide', 'pageshow', 'beforeunload'];
  const handle = ({ type, persisted }: Event & { persisted?: boolean }) => {
    const trigger =
      type === 'pagehide' ? persisted && ((cached = true), 'hide')
      : type === 'pageshow' ? persisted && ((cached = false), 'restore')
      : type === 'beforeunload' ? 'leave'
      : cached ? null
      : type === 'visibilitychange' ? win!.document.visibilityState === 'visible' && 'visible'
      : (type as Trigger);
    if (trigger) listeners.forEach((listener) => listener(trigger));
  };
  const listen = (method: 'addEventListener' | 'removeEventListener') => types.forEach((type) => win?.[method](type, handle));
  return {
    isOnline: () => win?.navigator.onLine ?? true,
    isVisible: () => win?.document.visibilityState !== 'hidden',
    subscribe(listener) {
      if (listeners.size === 0) listen('addEventListener');
      listeners.add(listener);
      return () => {
        if (listeners.delete(listener) && listeners.size === 0) listen('removeEventListener');
      };
    },
  };
}
