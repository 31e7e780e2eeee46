import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors/domain-error.ts';
import { plainCodec } from '../privacy/codec.ts';
import { encryptingCodec, keyRing } from '../privacy/encrypting-codec.ts';
import { compileSegment } from './compile.ts';
import { parseDefinition, segmentAttributes, type SegmentAttribute } from './definition.ts';

const hostile = ["O'Brien\"", '`x` ', '}) MATCH (n) DETACH DELETE n //', '$s0', 'Zoë 🐍 \u202e', "' OR 1=1 --", '\\u0027'];
const NOW = Date.UTC(2026, 0, 1);

const valuesOf = (params: Record<string, unknown>): string[] => Object.values(params).flatMap((v) => (Array.isArray(v) ? v : [v])).map(String);

describe('segment compiler', () => {
  it('puts hostile strings of every text condition in parameters only', () => {
    for (const value of hostile) {
      const definition = parseDefinition({
        or: [
          ...(Object.keys(segmentAttributes) as SegmentAttribute[]).flatMap((attribute) => [
            { attribute, op: 'eq', value },
            { attribute, op: 'startsWith', value },
          ]),
          { interactions: { type: 'web', subtype: value, category: value, withinDays: 30 } },
          { interactions: { type: 'email', subtype: [value, 'open'], withinDays: 90, max: 0 } },
        ],
      });
      const { predicate, params, driver } = compileSegment({ and: [{ interactions: { type: 'web', subtype: value, category: value, withinDays: 30 } }, definition] }, NOW, plainCodec);
      for (const fragment of ['DETACH', 'Brien', '`x`', 'OR 1=1', '🐍', 'Zo']) expect(`${predicate} ${driver}`).not.toContain(fragment);
      expect(predicate).not.toMatch(/'[^']*(brien|delete)/i);
      expect(valuesOf(params).some((p) => p.toLowerCase().includes(value.trim().toLowerCase().slice(0, 4)))).toBe(true);
    }
  });

  it('compiles consent conditions over the stored effective consent, every key a parameter', () => {
    const granted = compileSegment(parseDefinition({ consent: { purpose: 'MARKETING', channel: 'EMAIL', is: 'granted' } }), NOW, plainCodec);
    expect(granted.predicate).toMatch(/^\(\(\$s0 IN coalesce\(c\.consentGranted, \[\]\)\)\)$/);
    expect(granted.params).toEqual({ s0: 'MARKETING:EMAIL' });
    const undecided = compileSegment(parseDefinition({ consent: { purpose: 'PROFILING', is: 'undecided' } }), NOW, plainCodec);
    expect(undecided.predicate).toContain('NOT any(k IN coalesce(c.consentGranted, []) WHERE k STARTS WITH $s0)');
    expect(undecided.predicate).toContain('c.consentDenied');
    expect(Object.values(undecided.params)).toEqual(['PROFILING:', 'PROFILING:']);
    expect(compileSegment(parseDefinition({ consent: { flag: 'DO_NOT_SELL', raised: true } }), NOW, plainCodec)).toMatchObject({ predicate: '(coalesce(c.consentDoNotSell, false) = $s0)', params: { s0: true } });
    for (const bad of [{ purpose: 'MARKETING', is: 'maybe' }, { purpose: 'SPAM', is: 'granted' }, { flag: 'OBJECTION' }, { purpose: 'MARKETING', channel: 'FAX', is: 'granted' }]) {
      expect(() => parseDefinition({ consent: bad })).toThrow(/Invalid segment definition at definition\.consent/);
    }
  });

  it('compiles a window count with both bounds and the window start as parameters', () => {
    const { predicate, params } = compileSegment(parseDefinition({ interactions: { type: 'email', subtype: ['open', 'click'], withinDays: 90, max: 0 } }), NOW, plainCodec);
    expect(predicate).toMatch(/^\(\$s\d+ <= COUNT \{.*\} <= \$s\d+\)$/s);
    expect(Object.values(params)).toEqual(expect.arrayContaining(['email_event', NOW - 90 * 86_400_000, ['open', 'click'], 0]));
  });

  it('drives a segment from the interactions a required condition counts, and only then', () => {
    const viewed = { interactions: { type: 'web', category: 'TEA', min: 3, withinDays: 30 } };
    const driven = compileSegment(parseDefinition({ and: [{ attribute: 'country', op: 'eq', value: 'GB' }, { and: [viewed, { interactions: { type: 'order', withinDays: 30, max: 0 } }] }] }), NOW, plainCodec);
    expect(driven.driver).toMatch(/^MATCH \(x:Interaction\) USING INDEX x:Interaction\(type, occurredAt\) WHERE x\.type = \$(s\d+) AND x\.occurredAt >= \$(s\d+) AND toLower\(x\.category\) = \$(s\d+)\n/);
    const [, type, from, category] = /x\.type = \$(s\d+) AND x\.occurredAt >= \$(s\d+) AND toLower\(x\.category\) = \$(s\d+)/.exec(driven.driver!)!;
    expect([driven.params[type!], driven.params[from!], driven.params[category!]]).toEqual(['web_event', NOW - 30 * 86_400_000, 'tea']);
    expect(driven.driver).toMatch(/WITH DISTINCT c$/);
    // Nothing every member must have: no interaction at all may match, or another branch may.
    for (const definition of [
      { interactions: { type: 'order', withinDays: 30, max: 0 } },
      { interactions: { type: 'order', withinDays: 30, min: 0, max: 2 } },
      { or: [{ attribute: 'country', op: 'eq', value: 'GB' }, viewed] },
      { not: viewed },
    ]) {
      expect(compileSegment(parseDefinition(definition), NOW, plainCodec).driver).toBeNull();
    }
  });

  it('combines and, or and not', () => {
    const { predicate } = compileSegment(
      parseDefinition({ and: [{ attribute: 'country', op: 'eq', value: 'gb' }, { not: { or: [{ aggregate: 'openTickets', op: 'gt', value: 0 }, { attribute: 'postcode', op: 'exists' }] } }] }),
      NOW,
      plainCodec,
    );
    expect(predicate).toBe(`((c.segmentCountry = $s0) AND (NOT ((reduce(s = 0, h IN ${predicate.split('h IN ')[1]!.split(' | ')[0]} | s + coalesce(h.activityOpenTickets, 0)) > $s1) OR (c.segmentPostcode IS NOT NULL))))`);
  });

  it('refuses unknown fields and attributes with the path of the bad field', () => {
    const cases: Array<[unknown, string]> = [
      [{ and: [{ attribute: 'email` }) MATCH (n) DETACH DELETE n //', op: 'eq', value: 'x' }] }, 'definition.and.0.attribute'],
      [{ interactions: { type: 'web', withinDays: 0 } }, 'definition.interactions.withinDays'],
      [{ aggregate: 'lifetimeValue', op: 'gt', value: 500 }, 'definition.currency'],
      [{ or: [{ attribute: 'country', op: 'eq' }] }, 'definition.or.0.value'],
    ];
    for (const [input, path] of cases) {
      try {
        parseDefinition(input);
        expect.unreachable();
      } catch (error) {
        expect(isDomainError(error) && error.code).toBe('BAD_USER_INPUT');
        expect(isDomainError(error) && error.field?.join('.')).toBe(path);
        expect(isDomainError(error) && `${error.message} ${error.clientMessage}`).not.toContain('DETACH');
      }
    }
  });

  it('compares hashed attributes by the same keyed hash and refuses startsWith on them, at its path, only when encrypting', () => {
    const codec = encryptingCodec(keyRing('k1', new Map([['k1', randomBytes(32)]]), randomBytes(32)));
    const { predicate, params } = compileSegment(
      parseDefinition({ and: [{ attribute: 'familyName', op: 'eq', value: ' Quennell ' }, { attribute: 'country', op: 'eq', value: 'gb' }] }),
      NOW,
      codec,
    );
    expect(predicate).toBe('((c.segmentFamilyName = $s0) AND (c.segmentCountry = $s1))');
    expect(params).toEqual({ s0: codec.tokenKey('segment-familyName', 'quennell'), s1: 'GB' });
    const prefix = parseDefinition({ or: [{ attribute: 'country', op: 'startsWith', value: 'G' }, { not: { attribute: 'city', op: 'startsWith', value: 'Harro' } }] });
    expect(compileSegment(prefix, NOW, plainCodec).predicate).toContain('STARTS WITH');
    try {
      compileSegment(prefix, NOW, codec, ['input', 'definition']);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('BAD_USER_INPUT');
      expect(isDomainError(error) && error.field?.join('.')).toBe('input.definition.or.1.not.op');
      expect(isDomainError(error) && error.clientMessage).toMatch(/city .*keyed hash.*startsWith/);
      expect(isDomainError(error) && `${error.message} ${error.clientMessage}`).not.toContain('Harro');
    }
  });
});
