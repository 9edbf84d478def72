// Benchmark 9: a blank top-level page that waits to be sent somewhere. Several of them, one per tab, all
// go to the same URL when one is told to (`bench.go(url)`): a BroadcastChannel message reaches every
// other launcher in the same instant, which no driver can do window by window (WebDriver drives one
// window at a time), so the tabs' navigations start as close together as a browser restoring them would.
import { expose } from './lib/sim.js';

const launch = new BroadcastChannel('bench-launch');
launch.onmessage = (event) => location.assign(event.data as string);

expose({
  go(url: string) {
    launch.postMessage(url);
    // After the driver has its answer: a navigation under way would fail the evaluate() that asked.
    setTimeout(() => location.assign(url));
    return performance.timeOrigin + performance.now();
  },
});
