/**
 * A subscription's messages between its source and the socket. graphql-ws sends one
 * message at a time and waits until the socket took it, so a client that stops reading
 * would hold its source still and let events pile up unseen upstream. This queue reads the
 * source at once instead and holds what is not sent yet; past `max` messages the
 * subscriber is too slow: the source is ended and `onOverflow` called (the transport
 * disconnects it), so memory per subscriber stays bounded.
 *
 * @example
 *   const queued = boundedSendQueue(result, 1_000, () => socket.terminate());
 */
export function boundedSendQueue<T>(source: AsyncIterable<T>, max: number, onOverflow: () => void): AsyncGenerator<T, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  const queue: T[] = [];
  type Waiter = { resolve: (result: IteratorResult<T, undefined>) => void; reject: (error: unknown) => void };
  let waiting: Waiter | null = null;
  // Set by next() between the pump's awaits, which TypeScript's narrowing does not see.
  const takeWaiter = (): Waiter | null => {
    const w = waiting as Waiter | null;
    waiting = null;
    return w;
  };
  let ended = false;
  let failure: { error: unknown } | null = null;
  let stopped = false;

  const wake = () => {
    const w = takeWaiter();
    if (!w) return;
    if (failure) w.reject(failure.error);
    else w.resolve({ value: undefined, done: true });
  };
  // Not awaited by return(): a source waiting for its next event may answer return() only then.
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await iterator.return?.();
  };

  void (async () => {
    try {
      for (;;) {
        const next = await iterator.next();
        if (stopped || next.done) break;
        const w = takeWaiter();
        if (w) {
          w.resolve({ value: next.value, done: false });
        } else if (queue.length < max) {
          queue.push(next.value);
        } else {
          queue.length = 0;
          await stop();
          onOverflow();
          break;
        }
      }
    } catch (error) {
      failure = { error };
    }
    ended = true;
    wake();
  })();

  const queued: AsyncGenerator<T, undefined> = {
    next: () => {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
      if (failure) return Promise.reject(failure.error);
      if (ended || stopped) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    return: async () => {
      queue.length = 0;
      stop().catch(() => undefined);
      ended = true;
      wake();
      return { value: undefined, done: true };
    },
    throw: async (error: unknown) => {
      await queued.return(undefined);
      throw error;
    },
    [Symbol.asyncIterator]: () => queued,
    [Symbol.asyncDispose]: async () => {
      await queued.return(undefined);
    },
  };
  return queued;
}
