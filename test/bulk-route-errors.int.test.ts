import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, type DomainErrorCode } from '../src/errors/domain-error.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// Bug: POST /ingest/:source answered 503 for every domain error but NOT_FOUND and
// BAD_USER_INPUT (its own partial switch): a CONFLICT, FORBIDDEN or UNAUTHENTICATED
// looked like an outage and clients retried it.

const expected: Array<[DomainErrorCode, number, string]> = [
  ['CONFLICT', 409, 'CONFLICT'],
  ['FORBIDDEN', 403, 'FORBIDDEN'],
  ['UNAUTHENTICATED', 401, 'UNAUTHENTICATED'],
  ['BAD_USER_INPUT', 400, 'BAD_USER_INPUT'],
  ['NOT_FOUND', 404, 'NOT_FOUND'],
  ['CHANGE_TOO_LARGE', 409, 'CHANGE_TOO_LARGE'],
  ['RATE_LIMITED', 429, 'RATE_LIMITED'],
  ['SERVICE_UNAVAILABLE', 503, 'SERVICE_UNAVAILABLE'],
  ['INTERNAL', 500, 'INTERNAL_SERVER_ERROR'],
];

describe('POST /ingest/:source maps each domain error to its HTTP status', () => {
  let app: TestApp;
  let failWith: DomainErrorCode | null = null;

  beforeAll(async () => {
    app = await startTestApp({
      alterServices: (services) => {
        const resolve = services.sources.resolve.bind(services.sources);
        services.sources.resolve = async (name) => {
          if (failWith) throw new DomainError(failWith, 'injected by the test', { clientMessage: `injected ${failWith}` });
          return resolve(name);
        };
      },
    });
  });
  afterAll(async () => app.stop());

  it.each(expected)('answers %s with %i and the code in the body', async (code, status, bodyCode) => {
    failWith = code;
    try {
      const res = await fetch(`${app.url}/ingest/crm`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', ...(await app.authHeaders()) },
        body: '{}',
      });
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(bodyCode);
      // An internal error says nothing of itself.
      if (code === 'INTERNAL') expect(body.error.message).toBe('Internal server error');
      else expect(body.error.message).toBe(`injected ${code}`);
    } finally {
      failWith = null;
    }
  });
});
