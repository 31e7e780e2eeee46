import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { isDomainError, type DomainErrorCode } from './domain-error.ts';
import { describeErrorForLog } from './log-safe.ts';

/** The `extensions.code` a client sees for each domain error code. */
export function graphqlCodeOf(code: DomainErrorCode): string {
  switch (code) {
    case 'BAD_USER_INPUT':
      return 'BAD_USER_INPUT';
    case 'NOT_FOUND':
      return 'NOT_FOUND';
    case 'CONFLICT':
      return 'CONFLICT';
    case 'FORBIDDEN':
      return 'FORBIDDEN';
    case 'UNAUTHENTICATED':
      return 'UNAUTHENTICATED';
    case 'SERVICE_UNAVAILABLE':
      return 'SERVICE_UNAVAILABLE';
    case 'RATE_LIMITED':
      return 'RATE_LIMITED';
    case 'CHANGE_TOO_LARGE':
      return 'CHANGE_TOO_LARGE';
    case 'AMBIGUOUS':
      return 'AMBIGUOUS';
    case 'INTERNAL':
      return 'INTERNAL_SERVER_ERROR';
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/** The HTTP status of a request that failed as a whole with this code (routes and authentication). */
export function httpStatusOf(code: DomainErrorCode): number {
  switch (code) {
    case 'BAD_USER_INPUT':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'CHANGE_TOO_LARGE':
    case 'AMBIGUOUS':
      return 409;
    case 'RATE_LIMITED':
      return 429;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

const fallbackMessages: Record<DomainErrorCode, string> = {
  BAD_USER_INPUT: 'Invalid input',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflicting change',
  FORBIDDEN: 'Forbidden',
  UNAUTHENTICATED: 'Authentication required',
  SERVICE_UNAVAILABLE: 'Service temporarily unavailable',
  RATE_LIMITED: 'Too many requests',
  CHANGE_TOO_LARGE: 'Change exceeds its bounds',
  AMBIGUOUS: 'More than one match',
  INTERNAL: 'Internal server error',
};

/**
 * The one mapping from thrown errors to what GraphQL clients see. Errors raised by
 * graphql-js and Apollo themselves (syntax, validation, variable coercion) already carry
 * a safe code and pass through; anything else is masked as INTERNAL_SERVER_ERROR.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (isDomainError(original)) {
      const code = graphqlCodeOf(original.code);
      if (original.code === 'INTERNAL' || original.code === 'SERVICE_UNAVAILABLE') {
        logger.error({ err: describeErrorForLog(original), path: formatted.path }, 'request failed');
      }
      return {
        message: original.clientMessage ?? fallbackMessages[original.code],
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code, ...(original.field ? { field: original.field } : {}) },
      };
    }
    const apolloCode = formatted.extensions?.['code'];
    if (original === error && typeof apolloCode === 'string' && apolloCode !== 'INTERNAL_SERVER_ERROR') {
      return withoutEchoedValue(formatted);
    }
    logger.error({ err: describeErrorForLog(original), path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

const BAD_VARIABLE = /^Variable "\$([\w]+)" got invalid value .*?(?: at "([^"]+)")?; /s;

/**
 * graphql-js quotes the offending value in variable-coercion errors ("got invalid value
 * \"jane@example.com\""). Error messages must not carry personal data, so the value is
 * dropped and its path is given in `extensions.field` instead.
 */
export function withoutEchoedValue(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const match = BAD_VARIABLE.exec(formatted.message);
  if (!match) return formatted;
  const path = (match[2] ?? match[1]!).split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const expected = /Expected type "([^"]+)"/.exec(formatted.message)?.[1];
  return {
    ...formatted,
    message: `Variable "$${match[1]}" has an invalid value at "${path.join('.')}"${expected ? `; expected type ${expected}` : ''}.`,
    extensions: { ...formatted.extensions, field: path },
  };
}
