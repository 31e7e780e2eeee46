import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

describe('group commit', () => {
  it('writes what arrives during a write in one next write, and settles each caller after the write holding its rows', async () => {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    const group = new GroupCommit<number>(async (rows) => {
      writes.push(rows);
      await new Promise<void>((done) => (release = done));
    });
    const settled: number[] = [];
    const first = group.add([1]).then(() => settled.push(1));
    const later = [2, 3, 4].map((n) => group.add([n]).then(() => settled.push(n)));
    await Promise.resolve();
    expect(writes).toEqual([[1]]);
    expect(settled).toEqual([]);
    release();
    await first;
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([[1], [2, 3, 4]]);
    expect(settled).toEqual([1]);
    release();
    await Promise.all(later);
    expect(settled).toEqual([1, 2, 3, 4]);
  });

  it('fails every caller of a failed write, and only those', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const group = new GroupCommit<string>(async () => {
      calls += 1;
      if (calls === 1) await new Promise<void>((done) => (release = done));
      if (calls === 2) throw new Error('store down');
    });
    const first = group.add(['a']);
    const failing = [group.add(['b']), group.add(['c'])];
    await Promise.resolve();
    release();
    await expect(first).resolves.toBeUndefined();
    for (const f of failing) await expect(f).rejects.toThrow('store down');
    await expect(group.add(['d'])).resolves.toBeUndefined();
    expect(calls).toBe(3);
  });

  it('keeps a write within maxRows, splitting the queue between callers', async () => {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    const group = new GroupCommit<number>(async (rows) => {
      writes.push(rows);
      if (writes.length === 1) await new Promise<void>((done) => (release = done));
    }, 3);
    const all = [group.add([0]), group.add([1, 2]), group.add([3]), group.add([4, 5, 6, 7])];
    await Promise.resolve();
    release();
    await Promise.all(all);
    expect(writes).toEqual([[0], [1, 2, 3], [4, 5, 6, 7]]);
  });
});
