// <session-timeline for="session">: a rolling SVG timeline of one tab's token life, drawn with lit.
// Client lanes come from the <session-token>'s events (replayed from page start by demo/early.js);
// the request lanes and the action flags come from the demo server's log (the `demo-stats` event
// that demo.js dispatches after each GET /api/demo/stats).
import { html, LitElement, svg } from 'lit';
import { createHistory, type RawLogEntry, type Status } from './history.js';
import { refreshThresholdMs } from '../../src/core/zones.js';
import { actionLabel, clock, createScale, seconds, spanX, tickStep, ticks, tokenZones, windowAt, type Scale } from './layout.js';
import { styles } from './styles.js';
import { legend, markShape, requestClass, requestOutcome } from './symbols.js';

interface DemoEvent {
  type: string;
  at: number;
  detail: any;
  target: EventTarget | null;
}
declare global {
  interface Window {
    demoEvents?: { tab: string; subscribe(notify: (event: DemoEvent) => void): () => void };
  }
}

const WINDOWS = [60_000, 180_000, 600_000];
const GUTTER = 148;
const RIGHT = 14;
// Lane geometry (y, height), top to bottom; the action flags use the space above STATUS.
const STATUS = { y: 42, h: 14 };
const TOKENS = { y: 62, h: 48, row: 22, bar: 16 };
const EVENTS = { y: 116, h: 28 };
const MINE = { y: 156, h: 22 };
const OTHERS = { y: 182, h: 22 };
const AXIS = { y: 212, h: 24 };
const HEIGHT = AXIS.y + AXIS.h;

export class SessionTimeline extends LitElement {
  static override properties = {
    for: { type: String },
    _windowMs: { state: true },
    _paused: { state: true },
    _now: { state: true },
    _width: { state: true },
  };
  static override styles = styles;

  declare for: string;
  declare _windowMs: number;
  declare _paused: boolean;
  declare _now: number;
  declare _width: number;

  #history = createHistory();
  #unsubscribe: (() => void) | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #resize = new ResizeObserver(([entry]) => (this._width = Math.max(480, Math.floor(entry.contentRect.width))));
  #onStats = (event: Event) => {
    const { stats, offsetMs } = (event as CustomEvent<{ stats: { log: RawLogEntry[] }; offsetMs: number }>).detail;
    this.#history.server(stats.log, offsetMs);
    this.requestUpdate();
  };

  constructor() {
    super();
    this.for = 'session';
    this._windowMs = 180_000;
    this._paused = false;
    this._now = Date.now();
    this._width = 900;
    // Every <session-token> starts out 'loading'; statuschange reports only changes from there.
    this.#history.status('loading', performance.timeOrigin);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.#resize.observe(this);
    document.addEventListener('demo-stats', this.#onStats);
    this.#unsubscribe = window.demoEvents?.subscribe((event) => this.#record(event)) ?? null;
    this.#timer = setInterval(() => {
      if (this._paused) return;
      this._now = Date.now();
      this.#history.prune(this._now);
    }, 250);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#resize.disconnect();
    document.removeEventListener('demo-stats', this.#onStats);
    this.#unsubscribe?.();
    clearInterval(this.#timer);
  }

  get tab(): string {
    return window.demoEvents?.tab ?? '';
  }

  #record({ type, at, detail, target }: DemoEvent) {
    const source = document.getElementById(this.for) as (HTMLElement & { refreshThreshold?: number | null }) | null;
    if (!source || target !== source) return; // the same session's events also arrive from the CMS element
    const thresholdMs = refreshThresholdMs(source.refreshThreshold);
    if (type === 'tokenupdate') this.#history.tokenAdopted(detail, thresholdMs, at);
    else if (type === 'tokenerror') this.#history.failed(detail, at);
    else if (type === 'signedout') this.#history.signedOut(detail.reason, at);
    else if (type === 'statuschange') this.#history.status(detail.status as Status, at);
    this.requestUpdate();
  }

  protected override render() {
    const now = this._now;
    const { from, to } = windowAt(now, this._windowMs);
    const scale = createScale(from, to, GUTTER, this._width - RIGHT);
    const minutes = this._windowMs / 60_000;
    return html`
      <div class="toolbar">
        <span class="label">window</span>
        ${WINDOWS.map(
          (ms) => html`<button type="button" aria-pressed=${String(ms === this._windowMs)} @click=${() => (this._windowMs = ms)}>
            ${ms / 60_000} min
          </button>`,
        )}
        <button type="button" class="pause" aria-pressed=${String(this._paused)} @click=${() => (this._paused = !this._paused)}>
          ${this._paused ? 'Resume' : 'Pause'}
        </button>
        <span class="tab">this tab: <code>${this.tab || '?'}</code></span>
      </div>
      <svg class="chart" width=${this._width} height=${HEIGHT} viewBox="0 0 ${this._width} ${HEIGHT}" role="img"
        aria-label="Timeline of the last ${minutes} minutes: token zones, events and server requests">
        ${this.#lanes(scale)} ${this.#future(scale, now)} ${this.#actions(scale)} ${this.#status(scale, now)}
        ${this.#tokens(scale)} ${this.#marks(scale, now)} ${this.#requests(scale, now)} ${this.#axis(scale, now)}
      </svg>
      ${legend}
    `;
  }

  #lanes(scale: Scale) {
    const lane = (y: number, h: number, name: string, note: string) => svg`
      <rect class="lane" x=${scale.x0} y=${y} width=${scale.x1 - scale.x0} height=${h}></rect>
      <text class="lane-name" x=${GUTTER - 10} y=${y + h / 2 + (note ? -2 : 4)}>${name}</text>
      ${note ? svg`<text class="lane-note" x=${GUTTER - 10} y=${y + h / 2 + 10}>${note}</text>` : null}`;
    return svg`
      ${lane(STATUS.y, STATUS.h, 'status', '')}
      ${lane(TOKENS.y, TOKENS.h, 'tokens', 'this tab')}
      ${lane(EVENTS.y, EVENTS.h, 'events', 'this tab')}
      <line class="divider" x1="8" x2=${scale.x1} y1=${MINE.y - 6} y2=${MINE.y - 6}></line>
      ${lane(MINE.y, MINE.h, 'requests: this tab', '')}
      ${lane(OTHERS.y, OTHERS.h, 'requests: other tabs', '')}
      <text class="lane-name" x=${GUTTER - 10} y="16">server actions</text>
      <text class="lane-note" x=${GUTTER - 10} y="29">all tabs</text>`;
  }

  #future(scale: Scale, now: number) {
    const x = scale.x(now);
    return svg`<rect class="future" x=${x} y=${STATUS.y} width=${scale.x1 - x} height=${OTHERS.y + OTHERS.h - STATUS.y}></rect>`;
  }

  #actions(scale: Scale) {
    const visible = this.#history.actions.filter((action) => action.at >= scale.from && action.at <= scale.to);
    // Labels go on one of two lines, wherever they do not overlap the previous one; else only the marker.
    const lineEnds = [-Infinity, -Infinity];
    return visible.map((action) => {
      const x = scale.x(action.at);
      const text = actionLabel(action);
      const width = text.length * 5.6 + 6;
      const flip = x + 4 + width > scale.x1;
      const left = flip ? x - 4 - width : x;
      const line = lineEnds.findIndex((end) => left >= end);
      if (line >= 0) lineEnds[line] = left + width + 4;
      const who = action.tab === this.tab ? 'this tab' : `tab ${action.tab}`;
      return svg`<g class="action">
        <title>${clock(action.at)} ${text} (from ${who})</title>
        <line x1=${x} x2=${x} y1=${line === 0 ? 4 : 20} y2=${AXIS.y}></line>
        ${line >= 0
          ? svg`<text class=${flip ? 'flip' : ''} x=${flip ? x - 4 : x + 4} y=${line === 0 ? 14 : 30}>${text}</text>`
          : null}
      </g>`;
    });
  }

  #status(scale: Scale, now: number) {
    const spans = this.#history.statuses;
    return spans.map((span, i) => {
      const end = spans[i + 1]?.start ?? now;
      const box = spanX(scale, span.start, end);
      if (!box) return null;
      return svg`<g><title>status ${span.status} from ${clock(span.start)}</title>
        <rect class="st st-${span.status}" x=${box[0]} y=${STATUS.y} width=${box[1]} height=${STATUS.h}></rect>
        ${box[1] > 64 ? svg`<text class="st-text" x=${box[0] + 4} y=${STATUS.y + STATUS.h - 3.5}>${span.status}</text>` : null}
      </g>`;
    });
  }

  #tokens(scale: Scale) {
    return this.#history.tokens.map((bar) => {
      const y = TOKENS.y + 5 + bar.row * TOKENS.row;
      const cut = bar.endedAt ?? Infinity;
      const parts = tokenZones(bar).flatMap(({ zone, start, end }) => {
        const live = spanX(scale, start, Math.min(end, cut));
        const ghost = cut < end ? spanX(scale, Math.max(start, cut), end) : null;
        return [
          live && end > start && Math.min(end, cut) > start ? svg`<rect class="zone ${zone}" x=${live[0]} y=${y} width=${live[1]} height=${TOKENS.bar}></rect>` : null,
          ghost ? svg`<rect class="zone ${zone} ghost" x=${ghost[0]} y=${y} width=${ghost[1]} height=${TOKENS.bar}></rect>` : null,
        ];
      });
      const x = scale.x(bar.adoptedAt);
      const fresh = spanX(scale, bar.adoptedAt, bar.freshUntil);
      const ended = bar.endedAt === null ? 'current token' : `${bar.endReason} at ${clock(bar.endedAt)}`;
      return svg`<g class="token">
        <title>${bar.source} token, ${bar.lifetimeS} s lifetime, adopted ${clock(bar.adoptedAt)}
fresh until ${clock(bar.freshUntil)}, stale until ${clock(bar.usableUntil)}, expires ${clock(bar.expiresAt)}
${ended}</title>
        ${parts}
        ${bar.endedAt !== null && bar.endedAt < bar.expiresAt && bar.endedAt >= scale.from
          ? svg`<line class="cut" x1=${scale.x(bar.endedAt)} x2=${scale.x(bar.endedAt)} y1=${y - 2} y2=${y + TOKENS.bar + 2}></line>`
          : null}
        ${fresh && fresh[1] > 58 && x >= scale.x0
          ? svg`<text class="bar-text" x=${x + 4} y=${y + 12}>${bar.source} · ${bar.lifetimeS} s</text>`
          : null}
      </g>`;
    });
  }

  #marks(scale: Scale, now: number) {
    const cy = EVENTS.y + EVENTS.h / 2;
    const marks = this.#history.marks;
    const waits = marks.map((mark, i) => {
      if (mark.kind !== 'retry') return null;
      const until = marks[i + 1]?.at ?? now;
      const box = spanX(scale, mark.at, until);
      return box && box[1] > 12 ? svg`<line class="wait" x1=${box[0] + 6} x2=${box[0] + box[1] - 6} y1=${cy} y2=${cy}></line>` : null;
    });
    const shapes = marks.filter((mark) => mark.at >= scale.from && mark.at <= scale.to).map((mark) => markShape(mark, scale.x(mark.at), cy));
    return svg`${waits}${shapes}`;
  }

  #requests(scale: Scale, now: number) {
    let labelledUntil = -Infinity; // other tabs' ids are written beside their requests when there is room
    return this.#history.requests.map((request) => {
      const lane = request.tab === this.tab ? MINE : OTHERS;
      const box = spanX(scale, request.start, request.end ?? now, 3);
      if (!box) return null;
      const label = lane === OTHERS && box[1] < 40 && box[0] > labelledUntil;
      if (label) labelledUntil = box[0] + box[1] + 34;
      const who = request.tab === this.tab ? 'this tab' : `tab ${request.tab}`;
      const took = request.end === null ? 'still running' : `took ${seconds(request.end - request.start)}`;
      return svg`<g><title>${clock(request.start)} POST /api/token from ${who} → ${requestOutcome(request)}, ${took}</title>
        <rect class="req ${requestClass(request)}" x=${box[0]} y=${lane.y + 4} width=${box[1]} height=${lane.h - 8} rx="1.5"></rect>
        ${label ? svg`<text class="req-tab" x=${box[0] + box[1] + 2} y=${lane.y + lane.h - 5}>${request.tab}</text>` : null}
      </g>`;
    });
  }

  #axis(scale: Scale, now: number) {
    const step = tickStep(this._windowMs);
    const nowX = scale.x(now);
    return svg`
      <line class="axis" x1=${scale.x0} x2=${scale.x1} y1=${AXIS.y} y2=${AXIS.y}></line>
      ${ticks(scale.from, scale.to, step).map((t) => {
        const x = scale.x(t);
        const hidden = Math.abs(x - nowX) < 34;
        return svg`<line class="tick" x1=${x} x2=${x} y1=${STATUS.y} y2=${AXIS.y + 4}></line>
          ${hidden ? null : svg`<text class="tick-text" x=${x} y=${AXIS.y + 16}>${clock(t)}</text>`}`;
      })}
      <line class="now" x1=${nowX} x2=${nowX} y1=${STATUS.y - 4} y2=${AXIS.y + 4}></line>
      <text class="now-text" x=${nowX} y=${AXIS.y + 16}>${this._paused ? 'paused' : 'now'}</text>`;
  }
}
