// Session events can fire before a test gets to listen: an element starts its request as soon as it is
// connected, and a fast local endpoint may answer before fixture() resolves. Every session event in the
// page is recorded from the moment this module loads, so a test can ask for one that already happened.
import { oneEvent } from '@open-wc/testing';

const seen: Event[] = [];
for (const type of ['tokenupdate', 'tokenerror', 'signedout', 'statuschange']) {
  document.addEventListener(type, (event) => seen.push(event), { capture: true });
}

/** The first `type` event dispatched on `target`: at once if it already was, else when it is. */
export function firstEvent<K extends 'tokenupdate' | 'tokenerror' | 'signedout' | 'statuschange'>(target: EventTarget, type: K): Promise<HTMLElementEventMap[K]> {
  const past = seen.find((event) => event.target === target && event.type === type);
  return past ? Promise.resolve(past as HTMLElementEventMap[K]) : (oneEvent(target, type) as Promise<HTMLElementEventMap[K]>);
}
