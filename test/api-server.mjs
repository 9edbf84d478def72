// A scriptable API for the authorized-fetch tests: it answers the statuses a test queued (then 200),
// echoes what it got, and allows CORS so that http://127.0.0.1:<port> can stand for another origin.
//   ANY  /api/:name               the API (OPTIONS: CORS preflight)
//   POST /__api/:name/script      body { statuses: (number | string)[] }: the next answers (a string: 302 to that URL)
//   GET  /__api/:name/log         [{ method, authorization, body }]
const API_ROUTE = /^\/api\/([A-Za-z0-9_-]{1,100})$/;
const ADMIN_ROUTE = /^\/__api\/([A-Za-z0-9_-]{1,100})\/(script|log)$/;

async function readText(req) {
  let text = '';
  req.setEncoding('utf8');
  for await (const chunk of req) text += chunk;
  return text;
}

export function apiServerMiddleware() {
  const apis = new Map();
  const apiOf = (name) => apis.get(name) ?? apis.set(name, { queue: [], log: [] }).get(name);

  return async function apiServer(ctx, next) {
    let match = API_ROUTE.exec(ctx.path);
    if (match) {
      const origin = ctx.get('origin');
      if (origin) {
        ctx.set('Access-Control-Allow-Origin', origin);
        ctx.set('Access-Control-Allow-Headers', 'authorization, content-type');
        ctx.set('Access-Control-Allow-Methods', 'GET, POST, PUT');
      }
      if (ctx.method === 'OPTIONS') return void (ctx.status = 204);
      const api = apiOf(match[1]);
      const entry = { method: ctx.method, authorization: ctx.get('authorization'), body: await readText(ctx.req) };
      api.log.push(entry);
      const answer = api.queue.shift() ?? 200;
      ctx.set('Cache-Control', 'no-store');
      // A queued URL is a 302 to it (an API that redirects, perhaps to another origin).
      if (typeof answer === 'string') return void ctx.redirect(answer);
      ctx.status = answer;
      ctx.body = entry;
      return;
    }
    match = ADMIN_ROUTE.exec(ctx.path);
    if (!match) return next();
    const api = apiOf(match[1]);
    if (match[2] === 'log') ctx.body = api.log;
    else api.queue.push(...JSON.parse(await readText(ctx.req)).statuses);
    ctx.status = 200;
  };
}
