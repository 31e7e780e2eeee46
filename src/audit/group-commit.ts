/**
 * Group commit: callers hand in rows and wait; one write at a time takes every row that
 * arrived while the previous one committed (up to `maxRows`), so many concurrent requests
 * share a transaction instead of each paying for one. A caller's promise settles when the
 * write holding its rows commits, or fails with that write's error: nothing is answered as
 * written before it is.
 */
export class GroupCommit<Row> {
  private readonly write: (rows: Row[]) => Promise<void>;
  private readonly maxRows: number;
  private queue: Array<{ rows: Row[]; done: () => void; failed: (error: unknown) => void }> = [];
  private writing = false;

  constructor(write: (rows: Row[]) => Promise<void>, maxRows = 500) {
    this.write = write;
    this.maxRows = maxRows;
  }

  add(rows: Row[]): Promise<void> {
    return new Promise<void>((done, failed) => {
      this.queue.push({ rows, done, failed });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const group: typeof this.queue = [];
        let size = 0;
        // Always at least one caller, however many rows it brings.
        while (this.queue.length > 0 && (group.length === 0 || size + this.queue[0]!.rows.length <= this.maxRows)) {
          const next = this.queue.shift()!;
          group.push(next);
          size += next.rows.length;
        }
        try {
          await this.write(group.flatMap((g) => g.rows));
          for (const g of group) g.done();
        } catch (error) {
          for (const g of group) g.failed(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
