import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { DomainError, type DomainErrorCode } from './domain-error.ts';
import { createFormatError, graphqlCodeOf, httpStatusOf, withoutEchoedValue } from './format-error.ts';
import { describeErrorForLog } from './log-safe.ts';

const silent = pino({ level: 'silent' });

describe('formatError', () => {
  const format = createFormatError(silent);

  it('maps a domain error to its code, client message and field', () => {
    const error = new DomainError('BAD_USER_INPUT', 'internal detail', { clientMessage: 'email is malformed', field: ['input', 'email'] });
    expect(format({ message: 'x', path: ['ingest'] }, error)).toEqual({
      message: 'email is malformed',
      path: ['ingest'],
      extensions: { code: 'BAD_USER_INPUT', field: ['input', 'email'] },
    });
  });

  it('gives INTERNAL domain errors the generic message and code', () => {
    expect(format({ message: 'x' }, new DomainError('INTERNAL', 'secret internals'))).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('masks anything unexpected', () => {
    expect(format({ message: 'boom at jane@example.com' }, new RangeError('boom at jane@example.com'))).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});

describe('httpStatusOf', () => {
  // Bug: the NDJSON route kept its own partial switch and answered 503 for CONFLICT,
  // FORBIDDEN and UNAUTHENTICATED. Every code has its status here, and only here.
  const statuses: Record<DomainErrorCode, number> = {
    BAD_USER_INPUT: 400,
    UNAUTHENTICATED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    CONFLICT: 409,
    CHANGE_TOO_LARGE: 409,
    AMBIGUOUS: 409,
    RATE_LIMITED: 429,
    INTERNAL: 500,
    SERVICE_UNAVAILABLE: 503,
  };

  it.each(Object.entries(statuses))('gives %s the status %i', (code, status) => {
    expect(httpStatusOf(code as DomainErrorCode)).toBe(status);
    expect(graphqlCodeOf(code as DomainErrorCode)).toMatch(/^[A-Z_]+$/);
  });
});

describe('withoutEchoedValue', () => {
  it('drops the value graphql-js quotes in a coercion error and keeps the path', () => {
    const formatted = withoutEchoedValue({
      message: 'Variable "$input" got invalid value "jane@example.com" at "input.emails.1"; Expected type "Int". Int cannot represent non-integer value: "jane@example.com"',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(formatted.message).toBe('Variable "$input" has an invalid value at "input.emails.1"; expected type Int.');
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', field: ['input', 'emails', 1] });
  });

  it('leaves other messages alone', () => {
    const formatted = { message: 'Syntax Error: Expected Name, found <EOF>.' };
    expect(withoutEchoedValue(formatted)).toBe(formatted);
  });
});

describe('describeErrorForLog', () => {
  it('keeps name, code and stack frames but never the message', () => {
    const error = Object.assign(new Error('value jane@example.com violates constraint'), { code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
    const described = describeErrorForLog(error);
    expect(described).toMatchObject({ errorClass: 'Error', code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
    expect(JSON.stringify(described)).not.toContain('jane@example.com');
    expect(String(described['stack'])).toMatch(/^\s+at /);
  });
});
