// Browser-side handle on one named token endpoint served by test/token-server-plugin.mjs.
// Each test should use its own endpoint (the default name is random), so state never leaks.

/** One scripted response of the token endpoint. */
export interface Step {
  /** HTTP status (default 200). */
  status?: number;
  /** Real delay in ms before responding (default 0). */
  delayMs?: number;
  /** Token lifetime in seconds, exp - iat (default 60). */
  lifetime?: number;
  /** Seconds added to iat and exp, like a server with a skewed clock (default 0). */
  iatOffset?: number;
  /** Raw body sent instead of a token (Content-Type defaults to application/json). */
  body?: string;
  contentType?: string;
  /** Value of the Retry-After header. */
  retryAfter?: string;
  /** Answer 302 to an HTML sign-in page, as @login_required or a sign-in proxy would. */
  redirect?: boolean;
  /** Close the connection without a response: the browser sees a network error. */
  drop?: boolean;
  /** Token subject (default 'user-1'). */
  sub?: string;
  /** Token `sid` claim (default 'session-1'). */
  sid?: string;
  /** 'jwt': {"jwt": "..."} (default); 'token': {"token": "..."}; 'text': the JWS as text/plain. */
  format?: 'jwt' | 'token' | 'text';
  /** The JSON field holding the JWT (default: the format's). */
  field?: string;
}

export interface RequestLogEntry {
  /** Server Date.now() when the request arrived. */
  at: number;
  /** Status the step answered (or would have, if aborted). */
  status: number;
  method: string;
  /** The request's x-*, authorization and accept headers. */
  headers: Record<string, string>;
  /** Set when the client went away before the response was sent. */
  aborted?: true;
}

export interface Stats {
  requests: number;
  /** Highest number of token requests in flight at the same time. */
  maxInFlight: number;
  inFlight: number;
  log: RequestLogEntry[];
}

export interface Endpoint {
  name: string;
  /** Absolute URL of the token endpoint (POST). */
  url: string;
  /** Absolute URL of the issuer's JWKS. */
  jwksUrl: string;
  /** Appends steps to the queue; each request consumes one, then the default applies. */
  script(steps: Step[]): Promise<void>;
  /** Replaces the step used when the queue is empty (initially {}: a 60 s token). */
  setDefault(step: Step): Promise<void>;
  stats(): Promise<Stats>;
  reset(): Promise<void>;
}

/** A random endpoint name, unique per call. */
export function unique(prefix = 'ep'): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(path, {
    method,
    cache: 'no-store',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

export function createEndpoint(name: string = unique()): Endpoint {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(name)) throw new Error(`invalid endpoint name: ${name}`);
  const admin = `/__token/${name}`;
  return {
    name,
    url: new URL(`/token/${name}`, location.origin).href,
    jwksUrl: new URL(`/jwks/${name}`, location.origin).href,
    async script(steps) {
      await call('POST', `${admin}/script`, { steps });
    },
    async setDefault(step) {
      await call('POST', `${admin}/script`, { default: step });
    },
    async stats() {
      return (await call('GET', `${admin}/stats`)) as Stats;
    },
    async reset() {
      await call('POST', `${admin}/reset`);
    },
  };
}
