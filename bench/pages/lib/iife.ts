// Loads dist/session-token.js as a user's page would (a classic script), and types what the bench uses of it.
export interface SessionTokenLike extends HTMLElement {
  readonly status: string;
  readonly token: string | null;
  getToken(options?: { skipCache?: boolean }): Promise<string | null>;
}

export function loadIife(src = '/dist/session-token.js'): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

export function createElement(endpoint: string): SessionTokenLike {
  const element = document.createElement('session-token') as SessionTokenLike;
  element.setAttribute('endpoint', endpoint);
  return element;
}
