import { DomainError } from '../src/errors/domain-error.ts';

const MAX_ID_LENGTH = 128;
const ID_SHAPE = /^[\w.:-]+$/;

/** Checks an id argument's shape before it reaches a service. */
export function requireId(value: string, field: ReadonlyArray<string | number>): string {
  const id = value.trim();
  if (id.length === 0 || id.length > MAX_ID_LENGTH || !ID_SHAPE.test(id)) {
    throw new DomainError('BAD_USER_INPUT', `Malformed id at ${field.join('.')}`, {
      clientMessage: `${field.join('.')} must be 1 to ${MAX_ID_LENGTH} letters, digits or . _ : -`,
      field,
    });
  }
  return id;
}
