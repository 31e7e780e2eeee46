/**
 * Every failure the product anticipates. The code decides how a client sees it
 * (see format-error.ts); the message is internal and may be logged, so it must never
 * hold personal data. `clientMessage` is what a caller may read.
 */
export type DomainErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'SERVICE_UNAVAILABLE'
  | 'RATE_LIMITED'
  /** A bulk change beyond its safety bounds, refused unless forced (resolveAll). */
  | 'CHANGE_TOO_LARGE'
  /** A lookup that should name one thing found several (an identifier several customers hold). */
  | 'AMBIGUOUS'
  | 'INTERNAL';

export type DomainErrorOptions = {
  clientMessage?: string;
  /** Path of the offending input field, e.g. ['input', 'emails', 2]. */
  field?: ReadonlyArray<string | number>;
  cause?: unknown;
};

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly clientMessage: string | undefined;
  readonly field: ReadonlyArray<string | number> | undefined;

  constructor(code: DomainErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.clientMessage = options.clientMessage;
    this.field = options.field;
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
