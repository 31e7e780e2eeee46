/**
 * At most `limit` holders at once; the others wait, first come first served.
 *
 * @example
 * const sessions = new Semaphore(4);
 * const release = await sessions.acquire();
 * try { ... } finally { release(); }
 */
export class Semaphore {
  readonly limit: number;
  private held = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('A semaphore needs a limit of at least 1');
    this.limit = limit;
  }

  /** How many hold it now. */
  get inUse(): number {
    return this.held;
  }

  /** Resolves once the caller holds a place; the function it returns gives the place back (once). */
  async acquire(): Promise<() => void> {
    if (this.held < this.limit) {
      this.held += 1;
    } else {
      // release() hands its place straight to the next waiter, so `held` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.held -= 1;
    };
  }
}
