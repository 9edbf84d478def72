// Adopted as a constructed stylesheet, which the page's CSP (style-src 'self') allows. Colours come from
// demo.css's custom properties, which inherit into the shadow root.
import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    --fresh: var(--ok, #1f8a4c);
    --stale: #e39b1b;
    --expired: var(--bad, #b42318);
    --muted-fg: var(--muted, #5b6476);
    font-size: 13px;
  }
  .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin-bottom: .5rem; }
  .toolbar .label { color: var(--muted-fg); margin-right: .2rem; }
  .toolbar .tab { margin-left: auto; color: var(--muted-fg); }
  button {
    font: inherit; padding: .15rem .6rem; border-radius: 6px; cursor: pointer;
    border: 1px solid var(--line, #dde1e8); background: #fff; color: inherit;
  }
  button:hover { border-color: var(--accent, #2454d6); }
  button:focus-visible { outline: 2px solid var(--accent, #2454d6); outline-offset: 2px; }
  button[aria-pressed='true'] { background: var(--accent, #2454d6); border-color: var(--accent, #2454d6); color: #fff; }
  button.pause[aria-pressed='true'] { background: var(--warn-bg, #fdf3e3); border-color: var(--warn, #a15c00); color: var(--warn, #a15c00); }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; }

  svg { display: block; overflow: visible; font-family: inherit; }
  text { font-size: 11px; fill: var(--fg, #1d2330); }
  .lane { fill: #f7f8fa; }
  .lane-name { text-anchor: end; font-weight: 600; font-size: 12px; }
  .lane-note { text-anchor: end; fill: var(--muted-fg); font-size: 10.5px; }
  .divider { stroke: var(--line, #dde1e8); stroke-dasharray: 2 3; }
  .future { fill: rgba(36, 84, 214, .05); }

  .action line { stroke: #8a93a6; stroke-width: 1; stroke-dasharray: 3 3; }
  .action text { fill: #3b4457; font-size: 10.5px; }
  .action text.flip { text-anchor: end; }

  .st { fill: var(--idle-bg, #eef0f3); }
  .st-signed-in { fill: #bfe5cc; }
  .st-signed-out { fill: #d9dce2; }
  .st-offline { fill: #f6d9a6; }
  .st-error { fill: #f3b8b2; }
  .st-text { font-size: 9.5px; fill: #2c3342; }

  .zone.fresh { fill: var(--fresh); }
  .zone.stale { fill: var(--stale); }
  .zone.expired { fill: var(--expired); }
  .zone.ghost { opacity: .22; }
  .bar-text { fill: #fff; font-size: 10.5px; font-weight: 600; pointer-events: none; }
  .cut { stroke: var(--fg, #1d2330); stroke-width: 2; }

  .mark circle, .mark path, .mark rect { stroke-width: 2; }
  .mark.fetch circle { fill: var(--fresh); stroke: #fff; }
  .mark.broadcast path { fill: var(--accent, #2454d6); stroke: #fff; }
  .mark.retry path { stroke: var(--expired); stroke-width: 2.5; fill: none; }
  .mark.gave-up circle { fill: #fff; stroke: #7a1010; }
  .mark.gave-up path { stroke: #7a1010; fill: none; }
  .mark.signedout rect { fill: #6b7280; stroke: #fff; }
  .wait { stroke: var(--expired); stroke-width: 1.5; stroke-dasharray: 4 3; }

  .req.ok { fill: var(--fresh); }
  .req.failed { fill: var(--expired); }
  .req.unauthorized { fill: #8a93a6; }
  .req.dropped { fill: #1d2330; }
  .req.aborted { fill: #fff; stroke: #8a93a6; }
  .req.running { fill: var(--accent, #2454d6); opacity: .55; }
  .req-tab { font-size: 9.5px; fill: var(--muted-fg); }

  .axis { stroke: #8a93a6; }
  .tick { stroke: #e3e6ec; }
  .tick-text { text-anchor: middle; fill: var(--muted-fg); font-size: 10.5px; }
  .now { stroke: var(--accent, #2454d6); stroke-width: 1.5; }
  .now-text { text-anchor: middle; fill: var(--accent, #2454d6); font-weight: 600; font-size: 11px; }

  .legend {
    display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; list-style: none; padding: 0; margin: .6rem 0 0;
    color: var(--muted-fg); font-size: 12px;
  }
  .legend li { display: flex; align-items: center; gap: .35rem; }
  .legend svg { flex: none; overflow: visible; }
`;
