import { describe, expect, it } from 'vitest';
import { boundedSendQueue } from './send-queue.ts';

/** A source the test pushes into, remembering whether it was ended. */
function pushSource<T>() {
  const pending: T[] = [];
  let wake: (() => void) | null = null;
  let returned = false;
  const source: AsyncIterableIterator<T> = {
    next: async () => {
      while (pending.length === 0 && !returned) await new Promise<void>((r) => (wake = r));
      return returned ? { value: undefined, done: true } : { value: pending.shift()!, done: false };
    },
    return: async () => {
      returned = true;
      wake?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => source,
  };
  return { source, push: (...items: T[]) => (pending.push(...items), wake?.()), returned: () => returned };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('boundedSendQueue', () => {
  it('passes messages through in order to a consumer that keeps up', async () => {
    const { source, push } = pushSource<number>();
    let overflowed = false;
    const queue = boundedSendQueue(source, 3, () => (overflowed = true));
    push(1, 2, 3);
    await settle();
    expect([(await queue.next()).value, (await queue.next()).value, (await queue.next()).value]).toEqual([1, 2, 3]);
    const waiting = queue.next();
    push(4);
    expect((await waiting).value).toBe(4);
    expect(overflowed).toBe(false);
  });

  it('ends the source and reports overflow once more than max messages wait unread, and holds nothing after', async () => {
    const { source, push, returned } = pushSource<number>();
    let overflowed = 0;
    const queue = boundedSendQueue(source, 3, () => (overflowed += 1));
    push(1, 2, 3);
    await settle();
    expect(overflowed).toBe(0);
    push(4);
    await settle();
    expect(overflowed).toBe(1);
    expect(returned()).toBe(true);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('return() ends the source at once, even while it waits for its next message', async () => {
    const { source, returned } = pushSource<number>();
    const queue = boundedSendQueue(source, 3, () => undefined);
    const waiting = queue.next();
    await queue.return(undefined);
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(returned()).toBe(true);
  });

  it('passes a failure of the source on to the consumer', async () => {
    const source: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('feed failed')) }),
    };
    const queue = boundedSendQueue(source, 3, () => undefined);
    await expect(queue.next()).rejects.toThrow('feed failed');
  });
});
