import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.ts';
import { compileNamespaceSpec, describeAttribute, parseNamespaceSpec } from './namespace-spec.ts';

const credit = parseNamespaceSpec({
  band: { type: 'enum', values: ['A', 'B', 'C', 'D', 'E'], required: true },
  score: { type: 'integer', min: 0, max: 999 },
  tier: { type: 'string', maxLength: 20 },
  ratio: { type: 'number', min: 0, max: 1 },
  active: { type: 'boolean' },
  since: { type: 'date' },
});
const compiled = compileNamespaceSpec(credit);

const problemOf = (input: unknown) => {
  const result = compiled.validate(input);
  if (result.ok) throw new Error('expected a problem');
  return result.problem;
};

function specError(input: unknown): DomainError {
  try {
    parseNamespaceSpec(input, ['input', 'attributes']);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the spec to be refused');
}

describe('enrichment namespace specs', () => {
  it('accept attributes that fit and return them as given', () => {
    const result = compiled.validate({ band: 'B', score: 712, tier: ' gold ', ratio: 0.25, active: true, since: '2024-02-29' });
    expect(result).toEqual({ ok: true, attributes: { band: 'B', score: 712, tier: 'gold', ratio: 0.25, active: true, since: '2024-02-29' } });
  });

  it('refuse a value outside the enum with the attribute path and the allowed values, never the value sent', () => {
    const problem = problemOf({ band: 'Z-secret' });
    expect(problem).toEqual({ field: ['attributes', 'band'], reason: 'band must be one of A, B, C, D, E' });
    expect(problem.reason).not.toContain('Z-secret');
  });

  it('refuse an unknown attribute by name', () => {
    expect(problemOf({ band: 'A', income: 50_000 })).toEqual({ field: ['attributes', 'income'], reason: 'is not an attribute of this namespace' });
  });

  it('refuse a missing required attribute, out-of-range numbers, long text and impossible dates', () => {
    expect(problemOf({ score: 1 })).toEqual({ field: ['attributes', 'band'], reason: 'band is required' });
    expect(problemOf({ band: 'A', score: 1000 }).reason).toBe('score must be an integer from 0 to 999');
    expect(problemOf({ band: 'A', score: 1.5 }).field).toEqual(['attributes', 'score']);
    expect(problemOf({ band: 'A', score: '12' }).field).toEqual(['attributes', 'score']);
    expect(problemOf({ band: 'A', tier: 'x'.repeat(21) }).reason).toBe('tier must be text of 1 to 20 characters');
    expect(problemOf({ band: 'A', since: '2023-02-29' }).reason).toBe('since must be a date as YYYY-MM-DD');
    expect(problemOf({ band: 'A', active: null }).field).toEqual(['attributes', 'active']);
  });

  it('refuse attributes that are not an object, or empty', () => {
    expect(problemOf([]).field).toEqual(['attributes']);
    expect(problemOf('band=A').field).toEqual(['attributes']);
    expect(problemOf({}).reason).toBe('attributes must name at least one attribute');
  });

  it('refuse a malformed spec with the path of the problem', () => {
    expect(specError({ band: { type: 'colour' } }).field).toEqual(['input', 'attributes', 'band', 'type']);
    expect(specError({ band: { type: 'enum', values: [] } }).field).toEqual(['input', 'attributes', 'band', 'values']);
    expect(specError({ band: { type: 'enum', values: ['A', 'A'] } }).field).toEqual(['input', 'attributes', 'band', 'values']);
    expect(specError({ score: { type: 'integer', min: 10, max: 1 } }).field).toEqual(['input', 'attributes', 'score', 'min']);
    expect(specError({ tier: { type: 'string', pattern: '.*' } }).field).toEqual(['input', 'attributes', 'tier']);
    expect(specError({ 'Bad Name': { type: 'boolean' } }).code).toBe('BAD_USER_INPUT');
    expect(specError({}).clientMessage).toContain('at least one attribute');
    expect(specError([]).code).toBe('BAD_USER_INPUT');
  });

  it('describe each type for messages', () => {
    expect(describeAttribute({ type: 'number', min: 0 })).toBe('must be a number of at least 0');
    expect(describeAttribute({ type: 'integer' })).toBe('must be an integer');
    expect(describeAttribute({ type: 'boolean' })).toBe('must be true or false');
  });
});
