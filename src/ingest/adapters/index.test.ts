import { describe, expect, it } from 'vitest';
import { canonicalRecordSchema } from '../canonical.ts';
import { convert } from './adapter-test-support.ts';
import { adapterByKind, builtInAdapters } from './index.ts';
import { samplePayloads } from './samples.ts';

describe('built-in adapters', () => {
  it('have unique kinds, each found by adapterByKind', () => {
    const kinds = builtInAdapters.map((adapter) => adapter.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds.sort()).toEqual(['billing', 'crm', 'email', 'marketplace', 'pos', 'support', 'web', 'webshop']);
    for (const adapter of builtInAdapters) expect(adapterByKind(adapter.kind)).toBe(adapter);
    expect(adapterByKind('mapping')).toBeUndefined();
  });

  it('have two or more samples per kind, and no samples for unknown kinds', () => {
    expect(Object.keys(samplePayloads).sort()).toEqual(builtInAdapters.map((adapter) => adapter.kind).sort());
    for (const payloads of Object.values(samplePayloads)) expect(payloads.length).toBeGreaterThanOrEqual(2);
  });

  it.each(Object.entries(samplePayloads).flatMap(([kind, payloads]) => payloads.map((p, i) => [kind, i, p] as const)))(
    'converts sample %s[%i] into a valid canonical record named after the context source',
    (kind, _index, payload) => {
      const adapter = adapterByKind(kind);
      if (!adapter) throw new Error(`No adapter ${kind}`);
      const record = canonicalRecordSchema.parse(convert(adapter, payload));
      expect(record.source).toBe(kind);
    },
  );

  it('only use made-up contact details in samples', () => {
    const text = JSON.stringify(samplePayloads);
    for (const email of text.match(/[\w.+-]+@[\w.-]+/g) ?? []) expect(email).toMatch(/@[\w.-]*example\.(com|org)$/);
    for (const phone of text.match(/\+\d[\d ]{9,}\d/g) ?? []) expect(phone).toMatch(/^(\+44 20 7946 0\d{3}|\+1 202 555 01\d\d)$/);
  });
});
