import { buildASTSchema, getNamedType, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../server.ts';
import { maskValue, personalTypes } from './personal-fields.ts';

const schema = buildASTSchema(parse(loadTypeDefs().join('\n')));

/** Names that usually hold a value about a person. */
const PERSONAL_NAME = /name|email|phone|address|birth|dob|postcode|payload|^value$|^lines$|^city$|attributes|identifiers|^given$|^family$|^middle$|^full$/i;

/**
 * Fields whose name looks personal but whose value is not, each with the reason. A new
 * personal-looking field must land either in personal-fields.ts or here, with a reason.
 */
const notPersonal: Record<string, string> = {
  'Source.name': 'a system name',
  'MatchRule.name': 'a rule name',
  'ApiKey.name': 'a credential label chosen by an admin',
  'GoldenValue.value': 'masked through the GoldenProfile field that returns it',
  'GoldenListValue.value': 'masked through GoldenProfile.emails / phones',
  'GoldenAddress.value': 'masked through GoldenProfile.addresses',
  'GoldenAddress.lines': 'masked through GoldenProfile.addresses',
  'GoldenAddress.city': 'masked through GoldenProfile.addresses',
  'GoldenAddress.postcode': 'masked through GoldenProfile.addresses',
  'KeptValue.value': 'masked through GoldenProfile.legalNames / identifiers',
  'PostalAddress.lines': 'masked through SourceRecord.addresses',
  'PostalAddress.city': 'masked through SourceRecord.addresses',
  'PostalAddress.postcode': 'masked through SourceRecord.addresses',
  'PersonName.given': 'masked through SourceRecord.names',
  'PersonName.middle': 'masked through SourceRecord.names',
  'PersonName.family': 'masked through SourceRecord.names',
  'PersonName.full': 'masked through SourceRecord.names',
  'SourceRecord.identifiers': 'a list of Identifier, whose value is personal',
  'SourceRecord.organisation': 'an employer, not a person',
  'GoldenProfile.organisation': 'an employer, not a person',
  'Organisation.name': 'an employer or account holder, not a person',
  'RejectedRecord.payloadBytes': 'a size',
  'RejectedRecord.payloadTruncated': 'a flag',
  'Interaction.lines': 'order lines: products and prices',
  'Customer.identifiers': 'a list of CustomerIdentifier, whose value is personal',
  'CustomerSummary.lastEmailEngagementAt': 'a time, not an address',
  'Query.enrichmentNamespaces': 'partner namespaces: names and attribute specs',
  'Mutation.registerEnrichmentNamespace': 'answers a namespace: names and attribute specs',
  'EnrichmentNamespace.name': 'a namespace name chosen by an admin',
  'Segment.name': 'a segment name chosen by a marketer',
  'EnrichmentNamespace.attributes': 'the attribute spec: names and types, no values',
  'Enrichment.namespace': 'a namespace name',
  'EnrichmentResult.namespace': 'a namespace name',
  'EnrichmentResult.attributes': 'the names of the attributes stored, never their values',
  'CustomerChange.changedAttributes': 'the names of the golden attributes that changed, never their values',
  'ConsentHistoryEntry.value': 'a consent status (GRANTED, DENIED, RAISED, LIFTED); every read of consent is audited by its resolver',
  'EffectiveConsentSlot.value': 'a consent status; every read of consent is audited by its resolver',
};

describe('personal fields', () => {
  it('list every field that looks personal, or say why it is not', () => {
    const unlisted: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const name = `${type.name}.${field.name}`;
        if (!PERSONAL_NAME.test(field.name) || personalTypes[type.name]?.fields[field.name] || notPersonal[name]) continue;
        unlisted.push(name);
      }
    }
    expect(unlisted).toEqual([]);
  });

  it('name only fields and types that exist', () => {
    const stale = Object.entries(personalTypes).flatMap(([typeName, { fields }]) => {
      const type = schema.getType(typeName);
      if (!type || !isObjectType(type)) return [typeName];
      return Object.keys(fields).filter((f) => !type.getFields()[f]).map((f) => `${typeName}.${f}`);
    });
    expect(stale).toEqual([]);
    for (const name of Object.keys(notPersonal)) {
      const [typeName, fieldName] = name.split('.') as [string, string];
      const type = schema.getType(typeName);
      expect(type && isObjectType(type) && getNamedType(type.getFields()[fieldName]?.type)).toBeTruthy();
    }
  });

  it('mask the personal strings inside each shape and keep the rest', () => {
    const golden = personalTypes['GoldenProfile']!.fields;
    expect(maskValue(golden['emails']!, [{ value: 'jane@example.com', preferred: true }], {})).toEqual([{ value: 'j***@example.com', preferred: true }]);
    expect(maskValue(golden['dateOfBirth']!, { value: '1984-02-29', rule: 'only-value' }, {})).toEqual({ value: '****-**-**', rule: 'only-value' });
    const [address] = maskValue(golden['addresses']!, [{ value: '1 High St, Leeds, LS1 4AP, GB', address: { lines: ['1 High St'], city: 'Leeds', region: null, postcode: 'LS1 4AP', country: 'GB' } }], {}) as Array<Record<string, unknown>>;
    expect(address).toEqual({ value: '***, GB', address: { lines: ['***'], city: '***', region: null, postcode: 'LS1 ***', country: 'GB' } });
    const record = personalTypes['SourceRecord']!.fields;
    expect(maskValue(record['names']!, [{ given: 'Ada', family: 'Lovelace', middle: null }], {})).toEqual([{ given: 'A***', family: 'L***', middle: null }]);
    expect(maskValue(record['phones']!, ['+442079460789'], {})).toEqual(['+44 ***** *789']);
    const change = personalTypes['AttributeChange']!.fields['value']!;
    expect(maskValue(change, 'ada@example.com', { attribute: 'email' })).toBe('a***@example.com');
    const enrichment = personalTypes['Enrichment']!.fields['attributes']!;
    expect(maskValue(enrichment, { band: 'B', score: 712, active: true }, {})).toEqual({ band: '***', score: '***', active: '***' });
  });
});
