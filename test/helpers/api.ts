// Browser-side handle on one scriptable API of test/api-server.mjs.
import { unique } from './endpoint.js';

export interface ApiCall {
  method: string;
  authorization: string;
  body: string;
}

export function createApi(name = unique('api')) {
  const admin = `/__api/${name}`;
  return {
    /** The API's URL on the page's origin, or on `origin` (e.g. http://127.0.0.1:<port> for another origin). */
    url: (origin = location.origin) => `${origin}/api/${name}`,
    async answer(...statuses: number[]) {
      await fetch(`${admin}/script`, { method: 'POST', body: JSON.stringify({ statuses }) });
    },
    log: async (): Promise<ApiCall[]> => (await fetch(`${admin}/log`, { cache: 'no-store' })).json(),
  };
}

/** The page's origin under another host name: the same test server, another origin for the browser. */
export const otherOrigin = () => location.origin.replace('localhost', '127.0.0.1');
