import { DomainError } from '../errors/domain-error.ts';

/**
 * Maps neo4j-driver errors to domain errors by their `code`, never by message text
 * (messages can quote stored values). Retryable errors only get here after the driver's
 * managed-transaction retries gave up.
 */
export function mapDriverError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const code = codeOf(error);
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new DomainError('CONFLICT', `Neo4j constraint violated (${code})`, { cause: error });
  }
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new DomainError('SERVICE_UNAVAILABLE', `Neo4j refused the API's credentials (${code})`, { cause: error });
  }
  if (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    code.startsWith('Neo.TransientError.') ||
    code === 'Neo.ClientError.Database.DatabaseNotFound'
  ) {
    return new DomainError('SERVICE_UNAVAILABLE', `Neo4j unavailable (${code || 'no code'})`, { cause: error });
  }
  if (code === 'Neo.ClientError.Transaction.TransactionTimedOut' || code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration') {
    return new DomainError('SERVICE_UNAVAILABLE', `Neo4j transaction timed out (${code})`, { cause: error });
  }
  return new DomainError('INTERNAL', `Neo4j error (${code || 'no code'})`, { cause: error });
}

const codeOf = (error: unknown): string =>
  typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';

/**
 * The driver lost, or could not open, its connection to Neo4j (as opposed to Neo4j
 * answering with an error). The driver retries these; the executor bounds how long.
 */
export const isConnectionLost = (error: unknown): boolean => {
  const code = codeOf(error);
  return code === 'ServiceUnavailable' || code === 'SessionExpired';
};
