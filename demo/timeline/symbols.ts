// The timeline's symbols, shared by the chart and its legend: event marks, request colours, the legend.
import { html, svg, type SVGTemplateResult } from 'lit';
import type { Mark, ServerRequest } from './history.js';
import { clock } from './layout.js';

export function markShape(mark: Mark, x: number, cy: number): SVGTemplateResult {
  const title = svg`<title>${clock(mark.at)} ${mark.text}</title>`;
  switch (mark.kind) {
    case 'fetch':
      return svg`<g class="mark fetch">${title}<circle cx=${x} cy=${cy} r="5.5"></circle></g>`;
    case 'broadcast':
      return svg`<g class="mark broadcast">${title}<path d="M${x} ${cy - 7}l7 7l-7 7l-7 -7z"></path></g>`;
    case 'retry':
      return svg`<g class="mark retry">${title}<path d="M${x - 5} ${cy - 5}l10 10m0 -10l-10 10"></path></g>`;
    case 'gave-up':
      return svg`<g class="mark gave-up">${title}<circle cx=${x} cy=${cy} r="7.5"></circle><path d="M${x - 4} ${cy - 4}l8 8m0 -8l-8 8"></path></g>`;
    case 'signedout':
      return svg`<g class="mark signedout">${title}<rect x=${x - 5} y=${cy - 5} width="10" height="10"></rect></g>`;
  }
}

export function requestOutcome({ status }: ServerRequest): string {
  if (status === null) return 'no answer yet';
  if (status === 0) return 'connection dropped (demo "network failure")';
  if (status === 'aborted') return 'aborted by the browser';
  return `HTTP ${status}`;
}

export function requestClass({ status }: ServerRequest): string {
  if (status === null) return 'running';
  if (status === 0) return 'dropped';
  if (status === 'aborted') return 'aborted';
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401 || status === 403 || status === 404) return 'unauthorized';
  return 'failed';
}

const swatch = (cls: string) => html`<svg width="22" height="12" aria-hidden="true"><rect class="zone ${cls}" x="0" y="1" width="22" height="10"></rect></svg>`;
const req = (cls: string) => html`<svg width="14" height="12" aria-hidden="true"><rect class="req ${cls}" x="3" y="0" width="8" height="12"></rect></svg>`;
const sym = (mark: Mark['kind']) => html`<svg width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true">${markShape({ at: 0, kind: mark, text: '' }, 0, 0)}</svg>`;

export const legend = html`<ul class="legend">
  <li>${swatch('fresh')} fresh: served from cache</li>
  <li>${swatch('stale')} stale: served at once; the background refresh starts here</li>
  <li>${swatch('expired')} expired (last 5 s): no longer handed out, <code>getToken()</code> waits for a fetch</li>
  <li>${swatch('fresh ghost')} after the token was replaced or dropped</li>
  <li>${sym('fetch')} <code>tokenupdate</code> fetch: refresh finished</li>
  <li>${sym('broadcast')} <code>tokenupdate</code> broadcast: another tab's token</li>
  <li>${sym('retry')}<svg width="22" height="12" aria-hidden="true"><line class="wait" x1="1" x2="21" y1="6" y2="6"></line></svg>
    <code>tokenerror</code>, will retry; dashes: backoff wait</li>
  <li>${sym('gave-up')} <code>tokenerror</code>, no retry</li>
  <li>${sym('signedout')} <code>signedout</code></li>
  <li>${req('ok')}${req('failed')}${req('unauthorized')}${req('dropped')}${req('running')}
    server log of <code>POST /api/token</code>, start to answer: 200, 500, 401, dropped, running. A request from this tab is where its refresh started.</li>
</ul>`;
