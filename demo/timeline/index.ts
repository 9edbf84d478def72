// Entry of the demo's timeline bundle: demo/server.mjs serves it, bundled with lit, as /timeline.js.
import { SessionTimeline } from './session-timeline.js';

if (!customElements.get('session-timeline')) customElements.define('session-timeline', SessionTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'session-timeline': SessionTimeline;
  }
}
