import { describe, expect, it } from 'vitest';
import { compareInstants, sortableInstant } from './instant.ts';

describe('sortableInstant', () => {
  it('orders instants whose fractions Neo4j printed with different lengths', () => {
    const printed = ['2026-11-23T02:19:01.512Z', '2026-11-23T02:19:01Z', '2026-11-23T02:19:01.5Z', '2026-11-23T02:19:01.000000001Z'];
    expect([...printed].sort(compareInstants)).toEqual(['2026-11-23T02:19:01Z', '2026-11-23T02:19:01.000000001Z', '2026-11-23T02:19:01.5Z', '2026-11-23T02:19:01.512Z']);
    // Plain string order gets it wrong: the bug this replaces.
    expect([...printed].sort()[0]).toBe('2026-11-23T02:19:01.000000001Z');
  });

  it('pads the fraction to nanoseconds and keeps the zone', () => {
    expect(sortableInstant('2026-11-23T02:19:01.5Z')).toBe('2026-11-23T02:19:01.500000000Z');
    expect(sortableInstant('2026-11-23T02:19:01Z')).toBe('2026-11-23T02:19:01.000000000Z');
    expect(compareInstants('2026-11-23T02:19:01.50Z', '2026-11-23T02:19:01.5Z')).toBe(0);
  });
});
