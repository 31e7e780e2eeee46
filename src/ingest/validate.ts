import type { z } from 'zod';
import { isDomainError } from '../errors/domain-error.ts';
import { canonicalRecordSchema, type CanonicalRecord } from './canonical.ts';
import type { FieldProblem } from './data-quality.ts';
import type { RejectionCode } from './rejection.ts';
import { sanitizePayload } from './sanitize.ts';
import type { AdapterContext, SourceAdapter } from './source-adapter.ts';

export type Validated =
  /** `problems`: the values the record is stored without (data-quality.ts). */
  | { status: 'valid'; canonical: CanonicalRecord; problems: FieldProblem[] }
  | { status: 'invalid'; code: RejectionCode; field: (string | number)[]; reason: string; sourceRecordId: string | null };

/**
 * One payload through the source's own schema, its mapping, and the canonical schema.
 * Reasons name the rule that failed, never the value (it may be personal data).
 */
export function validatePayload(adapter: SourceAdapter, context: AdapterContext, payload: unknown): Validated {
  const sanitized = sanitizePayload(payload);
  if (!sanitized.ok) return invalid(sanitized.code, ['payload', ...sanitized.field], sanitized.reason);
  // A payload that fails is still known by the record id it names, when it names one.
  const named = (rejected: Extract<Validated, { status: 'invalid' }>) => ({ ...rejected, sourceRecordId: recordIdOf(adapter, sanitized.value) });

  const parsed = adapter.payloadSchema.safeParse(sanitized.value);
  if (!parsed.success) return named(fromZod('INVALID_PAYLOAD', 'payload', parsed.error));

  let mapped: unknown;
  const problems: FieldProblem[] = [];
  try {
    mapped = adapter.toCanonical(parsed.data, context, problems);
  } catch (error) {
    if (isDomainError(error) && error.code === 'BAD_USER_INPUT') {
      return named(invalid('INVALID_PAYLOAD', [...(error.field ?? ['payload'])], error.clientMessage ?? 'is invalid'));
    }
    throw error;
  }
  const canonical = canonicalRecordSchema.safeParse(mapped);
  if (!canonical.success) {
    const idOf = (mapped as { sourceRecordId?: unknown })?.sourceRecordId;
    return { ...fromZod('INVALID_RECORD', 'canonical', canonical.error), sourceRecordId: typeof idOf === 'string' ? idOf : null };
  }
  return { status: 'valid', canonical: canonical.data, problems };
}

/** The adapter's reading of the record id, when it is one the canonical model would take. */
function recordIdOf(adapter: SourceAdapter, payload: unknown): string | null {
  let id: string | undefined;
  try {
    id = adapter.recordIdOf?.(payload);
  } catch {
    // Best effort: a payload too broken to name its record is rejected without the id.
    return null;
  }
  const checked = id === undefined ? undefined : canonicalRecordSchema.shape.sourceRecordId.safeParse(id);
  return checked?.success ? checked.data : null;
}

function fromZod(code: RejectionCode, root: string, error: z.ZodError): Extract<Validated, { status: 'invalid' }> {
  const [first, ...rest] = error.issues;
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  return invalid(code, [root, ...((first?.path ?? []) as (string | number)[])], `${first?.message ?? 'is invalid'}${more}`);
}

const invalid = (code: RejectionCode, field: (string | number)[], reason: string): Extract<Validated, { status: 'invalid' }> => ({
  status: 'invalid',
  code,
  field,
  reason,
  sourceRecordId: null,
});
