// Benchmark 7: how long a new tab (an iframe running dist/session-token.js from a script tag) waits for
// an open tab's token, from posting its question to its `tokenupdate` (source 'broadcast'). This is the
// figure the ask timeout (50 ms) was chosen against. Alone, a tab waits the full timeout, then fetches.
import { createElement, loadIife } from './lib/iife.js';

interface Sample {
  ms: number;
  source: string;
}

function openTab(endpoint: string): Promise<Sample> {
  const frame = document.createElement('iframe');
  // The first script notes when the library posts its question, and listens for the token, before the
  // library loads: the figure is the ask's round trip, not the time to load the script.
  frame.srcdoc = `<script>
      let asked;
      const post = BroadcastChannel.prototype.postMessage;
      BroadcastChannel.prototype.postMessage = function (message) {
        if (message && message.type === 'ask' && asked === undefined) asked = performance.now();
        return post.call(this, message);
      };
      document.addEventListener('tokenupdate', (e) => { window.__sample = { ms: performance.now() - asked, source: e.detail.source }; }, { once: true });
    </script><script src="/dist/session-token.js" data-endpoint="${endpoint}"></script>`;
  document.body.append(frame);
  return new Promise((resolve, reject) => {
    const deadline = performance.now() + 10_000;
    const poll = () => {
      const sample = (frame.contentWindow as (Window & { __sample?: Sample }) | null)?.__sample;
      if (sample) {
        frame.remove();
        resolve(sample);
      } else if (performance.now() > deadline) reject(new Error('the new tab got no token'));
      else setTimeout(poll, 2);
    };
    poll();
  });
}

(globalThis as Record<string, unknown>).bench = {
  async run({ endpoint, tabs }: { endpoint: string; tabs: number }) {
    await loadIife();
    const alone = await openTab(`${endpoint}-alone`);
    const open = createElement(endpoint);
    document.body.append(open);
    await open.getToken();
    const samples: Sample[] = [];
    for (let i = 0; i < tabs; i++) samples.push(await openTab(endpoint));
    const ms = samples.map((sample) => sample.ms).sort((a, b) => a - b);
    return {
      alone: alone.ms,
      median: ms[Math.floor(ms.length / 2)],
      max: ms[ms.length - 1],
      broadcasts: samples.filter((sample) => sample.source === 'broadcast').length,
    };
  },
};
