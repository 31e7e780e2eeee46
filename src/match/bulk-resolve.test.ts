import { describe, expect, it } from 'vitest';
import { clusterChunks } from './bulk-resolve.service.ts';

describe('clusterChunks', () => {
  it('groups the clusters that gain records into chunks of about the size, never splitting a cluster', () => {
    expect(clusterChunks([2, 0, 3, 1], 4)).toEqual([[0], [2, 3]]);
    expect(clusterChunks([5, 1], 4)).toEqual([[0], [1]]);
    expect(clusterChunks([0, 0], 4)).toEqual([]);
    expect(clusterChunks([1, 1, 1, 1, 1], 2)).toEqual([[0, 1], [2, 3], [4]]);
  });
});
