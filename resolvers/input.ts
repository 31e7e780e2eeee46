import { REASON_MAX_LENGTH } from '../src/audit/audit.ts';
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

/**
 * A steward's reason for an action, as every mutation that asks for one checks it:
 * trimmed, at least one visible character, at most REASON_MAX_LENGTH characters (what the
 * audit trail keeps). The message never repeats the text.
 */
export function requireReason(value: string, field: ReadonlyArray<string | number> = ['reason']): string {
  const reason = value.trim();
  const length = [...reason].length;
  if (length === 0 || length > REASON_MAX_LENGTH) {
    throw new DomainError('BAD_USER_INPUT', `Blank or overlong reason at ${field.join('.')}`, {
      clientMessage: `${field.join('.')} must be 1 to ${REASON_MAX_LENGTH} characters, not blank`,
      field,
    });
  }
  return reason;
}

/** An optional reason: left out it is null; given, it is checked as `requireReason` does. */
export function optionalReason(value: string | null | undefined, field: ReadonlyArray<string | number> = ['reason']): string | null {
  return value == null ? null : requireReason(value, field);
}
