import { describe, expect, it } from 'vitest';
import { termFrequencies } from './term-frequencies.ts';
import { profileWith as p } from './test-profile.ts';

describe('termFrequencies', () => {
  it('is the share of records carrying the value among records with any value', () => {
    const tf = termFrequencies([
      p({ family: ['smith'], emails: ['a@x.example'] }),
      p({ family: ['smith'] }),
      p({ family: ['smith', 'okonkwo'] }),
      p({ family: ['lee'] }),
      p({}),
    ]);
    expect(tf.get('family_name', 'smith')).toBe(3 / 4);
    expect(tf.get('family_name', 'okonkwo')).toBe(1 / 4);
    expect(tf.get('email', 'a@x.example')).toBe(1);
    expect(tf.get('family_name', 'nobody')).toBeUndefined();
    expect(tf.get('city', 'leeds')).toBeUndefined();
  });
});
