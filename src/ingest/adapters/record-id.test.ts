import { describe, expect, it } from 'vitest';
import { canonicalRecordSchema } from '../canonical.ts';
import { validatePayload } from '../validate.ts';
import { convert } from './adapter-test-support.ts';
import { adapterByKind } from './index.ts';
import { samplePayloads } from './samples.ts';

// Bug (issue #11): a payload that failed its schema was rejected without its record id, so
// the record stored later under that id could not supersede the rejection.

const samples = Object.entries(samplePayloads).flatMap(([kind, payloads]) => payloads.map((p, i) => [kind, i, p] as const));

describe('recordIdOf of the built-in adapters', () => {
  it.each(samples)('names the id %s[%i] is stored under, and none for a payload that stores no record', (kind, _index, payload) => {
    const adapter = adapterByKind(kind)!;
    const record = canonicalRecordSchema.parse(convert(adapter, payload));
    expect(adapter.recordIdOf?.(payload)).toBe(record.person ? record.sourceRecordId : undefined);
  });

  it('reads the id of a payload that fails its schema, and of one too broken to name it reads none', () => {
    const crm = adapterByKind('crm')!;
    const [contact] = samplePayloads['crm'] as Array<Record<string, unknown>>;
    const context = { source: 'crm', defaultCountry: undefined };
    expect(validatePayload(crm, context, { ...contact, LastModifiedDate: 'yesterday' })).toMatchObject({ status: 'invalid', code: 'INVALID_PAYLOAD', sourceRecordId: contact!['Id'] });
    expect(validatePayload(crm, context, { ...contact, Id: 'not an id', LastModifiedDate: 'yesterday' })).toMatchObject({ status: 'invalid', sourceRecordId: null });
    expect(validatePayload(crm, context, 'not an object')).toMatchObject({ status: 'invalid', sourceRecordId: null });
  });
});
