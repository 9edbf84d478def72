/** Callers waiting for the next outcome of a refresh; settled all at once. */
export interface Waiter<T, E> {
  resolve(value: T): void;
  reject(error: E): void;
}

export function createWaiters<T, E>() {
  const waiting = new Set<Waiter<T, E>>();
  return {
    get size() {
      return waiting.size;
    },
    add(waiter: Waiter<T, E>) {
      waiting.add(waiter);
    },
    settle(each: (waiter: Waiter<T, E>) => void) {
      const settled = [...waiting];
      waiting.clear();
      settled.forEach(each);
    },
  };
}
