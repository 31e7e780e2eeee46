import { setTimeout as sleep } from 'node:timers/promises';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { holdingASession, inRequest, takeSessionPlace, withRequestSessionLimit } from './request-scope.ts';

/** Runs `handler` as the rest of a request behind the middleware, as express would. */
const inARequest = <T>(limit: number, handler: () => Promise<T>): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    withRequestSessionLimit(limit)({} as Request, {} as Response, () => void handler().then(resolve, reject));
  });

/** Stands in for GraphExecutor.read: a place, then a session held for `ms`. */
function session(counter: { now: number; peak: number }, ms: number, nested?: () => Promise<void>) {
  return async () => {
    const release = await takeSessionPlace();
    counter.now += 1;
    counter.peak = Math.max(counter.peak, counter.now);
    try {
      await holdingASession(async () => {
        await sleep(ms);
        await nested?.();
      });
    } finally {
      counter.now -= 1;
      release();
    }
  };
}

describe('withRequestSessionLimit', () => {
  it('holds one request to its limit of concurrent sessions', async () => {
    const counter = { now: 0, peak: 0 };
    await inARequest(4, () => Promise.all(Array.from({ length: 15 }, session(counter, 5))));
    expect(counter.peak).toBe(4);
  });

  it('gives every request its own places', async () => {
    const counter = { now: 0, peak: 0 };
    await Promise.all([1, 2, 3].map(() => inARequest(2, () => Promise.all(Array.from({ length: 5 }, session(counter, 5))))));
    expect(counter.peak).toBe(6);
  });

  it('does not limit work outside a request', async () => {
    const counter = { now: 0, peak: 0 };
    expect(inRequest()).toBe(false);
    await Promise.all(Array.from({ length: 10 }, session(counter, 5)));
    expect(counter.peak).toBe(10);
  });

  it('lets a call nested in a held session through instead of waiting on itself', async () => {
    const counter = { now: 0, peak: 0 };
    const inner = session(counter, 1);
    const outcome = inARequest(1, async () => {
      await session(counter, 1, inner)();
      return 'done';
    });
    expect(await Promise.race([outcome, sleep(2_000, 'deadlocked')])).toBe('done');
  });
});
