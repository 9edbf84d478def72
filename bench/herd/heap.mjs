// A binary min-heap of (time, id) pairs in typed arrays: the simulation's event queue. Each session has
// exactly one pending event (its next attempt), so the heap never holds more than `capacity` entries.
export class EventHeap {
  constructor(capacity) {
    this.times = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
    this.size = 0;
  }

  push(time, id) {
    let i = this.size++;
    const { times, ids } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent] <= time) break;
      times[i] = times[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    times[i] = time;
    ids[i] = id;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime() {
    return this.size > 0 ? this.times[0] : Infinity;
  }

  /** Removes the earliest event and returns its id (its time is `peekTime()` before the call). */
  pop() {
    const { times, ids } = this;
    const top = ids[0];
    const last = --this.size;
    const time = times[last];
    const id = ids[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && times[child + 1] < times[child]) child++;
      if (times[child] >= time) break;
      times[i] = times[child];
      ids[i] = ids[child];
      i = child;
    }
    times[i] = time;
    ids[i] = id;
    return top;
  }
}
