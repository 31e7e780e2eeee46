import { z } from 'zod';
import { phoneOf } from '../adapters/field-parsers.ts';
import type { CanonicalRecordInput } from '../canonical.ts';
import type { FieldProblem } from '../data-quality.ts';
import type { AdapterContext, SourceAdapter } from '../source-adapter.ts';
import { fromList } from './mapping-spec.ts';
import type { MappingSpec, Transform } from './mapping-spec.ts';
import { createPersonDraft, isRepeatable, targetValueProblem } from './mapping-targets.ts';
import type { MappingTarget } from './mapping-targets.ts';
import { applyTransform, badValue, pathIn, readAll, readField, refuseValue, siteOf } from './mapping-values.ts';
import type { DateTarget, Payload, ProblemSink, Site } from './mapping-values.ts';

/** Every registered mapping source runs this one adapter kind; the source name comes from the context. */
export const mappingAdapterKind = 'mapping';

/**
 * The version stamp of records from a source whose mapping has no `updatedAt`.
 *
 * Plain CSV exports often carry no modification time, and refusing them is not an
 * option. A fixed instant, rather than the time of import, keeps a re-import of the
 * same file idempotent (the same record gets the same version, so nothing looks
 * changed), and any record that does carry a real date, from this source once it maps
 * one or from another source, counts as newer. The cost: two undated versions of one
 * record tie, and the writer (ingest.cypher.ts) then keeps the greater content hash,
 * not the later import. A source whose rows change should map updatedAt.
 */
export const undatedVersion = '1970-01-01T00:00:00.000Z';

// Without a date transform, dateOfBirth must already be ISO; updatedAt gets its own check.
const isoDateTransform: Transform = { type: 'date', format: 'YYYY-MM-DD' };
const isoInstant = z.iso.datetime({ offset: true });

type Compiled = {
  site: Site;
  /** The values for the target; one that cannot be used goes to `problems` (null: throws). */
  read: (payload: Payload, problems: ProblemSink) => string[];
};

/** One reader per mapping, built once so the per-row work is only reading and transforming. */
function compile(
  from: readonly string[],
  transform: Transform | undefined,
  dateTarget: DateTarget,
  fallback?: string,
): Compiled {
  const site = siteOf(from);
  return {
    site,
    read: (payload, problems) => {
      const noted = problems?.length;
      const values = applyTransform(readAll(payload, from), transform, { site, payload, dateTarget, problems });
      // The default stands in for an empty value, not for a bad one.
      return values.length === 0 && fallback !== undefined && problems?.length === noted ? [fallback] : values;
    },
  };
}

type FieldReader = Compiled & { to: MappingTarget; rejectInvalid: boolean };

const compileField = (field: MappingSpec['fields'][number]): FieldReader => {
  const transform = field.to === 'dateOfBirth' ? (field.transform ?? isoDateTransform) : field.transform;
  return { to: field.to, rejectInvalid: field.onInvalid === 'reject', ...compile(fromList(field.from), transform, 'date', field.default) };
};

/**
 * Builds the adapter of a user-defined source from its validated mapping.
 *
 * The payload is one record as a flat object (a CSV row, `Record<string, string>`) or
 * nested JSON; `from` names a column or a dotted path. The payload schema checks only
 * what every record needs: the record id (and updatedAt when mapped) present and not
 * empty, and no object where text belongs. Everything else is optional per record.
 *
 * @example
 * const adapter = buildMappingAdapter(parseMappingSpec(json));
 * adapter.toCanonical(adapter.payloadSchema.parse(row), { source: spec.name, defaultCountry: spec.defaultCountry });
 */
export function buildMappingAdapter(spec: MappingSpec): SourceAdapter<Record<string, unknown>> {
  const recordId = compile(fromList(spec.recordId.from), spec.recordId.transform, 'date');
  const updatedAt =
    spec.updatedAt === undefined ? undefined : compile([spec.updatedAt.from], spec.updatedAt.transform, 'instant');
  const fields = spec.fields.map(compileField);

  const required = [
    ...fromList(spec.recordId.from).map((name) => ({ name, role: 'the record id' })),
    ...(spec.updatedAt === undefined ? [] : [{ name: spec.updatedAt.from, role: 'updatedAt' }]),
  ];
  const optional = spec.fields.flatMap((field) => fromList(field.from));

  const payloadSchema = z.record(z.string(), z.unknown()).superRefine((payload, ctx) => {
    for (const { name, role } of required) {
      const texts = readField(payload, name);
      if (texts !== undefined && texts.length === 0) {
        ctx.addIssue({ code: 'custom', path: pathIn(payload, name), message: `${name} is required: it holds ${role}` });
      }
    }
    for (const name of [...required.map((column) => column.name), ...optional]) {
      if (readField(payload, name) === undefined) {
        ctx.addIssue({ code: 'custom', path: pathIn(payload, name), message: `${name} must be text or a list of text` });
      }
    }
  });

  const toCanonical = (payload: Payload, context: AdapterContext, problems: FieldProblem[] = []): CanonicalRecordInput => {
    const ids = recordId.read(payload, null);
    if (ids.length !== 1 || ids[0] === undefined) throw badValue(recordId.site, payload, 'does not give exactly one record id');
    const draft = createPersonDraft();
    const phones: Array<{ field: FieldReader; value: string }> = [];
    for (const field of fields) {
      const sink = field.rejectInvalid ? null : problems;
      const values = field.read(payload, sink);
      if (values.length > 1 && !isRepeatable(field.to)) {
        throw badValue(field.site, payload, `holds several values but ${field.to} takes one`);
      }
      for (const value of values) {
        if (field.to === 'phone') {
          phones.push({ field, value });
          continue;
        }
        const problem = targetValueProblem(field.to, value);
        if (problem === undefined) draft.add(field.to, value);
        else refuseValue(sink, field.site, payload, problem, value);
      }
    }
    // Phones are read in the record's country, known once every field is mapped.
    const country = draft.country() ?? context.defaultCountry;
    for (const { field, value } of phones) {
      const checked = phoneOf(value, [], country);
      if (checked.ok) draft.add('phone', value);
      else refuseValue(field.rejectInvalid ? null : problems, field.site, payload, checked.problem, value);
    }
    return {
      source: context.source,
      sourceRecordId: ids[0],
      updatedAt: updatedAt === undefined ? undatedVersion : readInstant(updatedAt, payload, spec.updatedAt?.transform),
      person: draft.person(),
      interactions: [],
      // A mapping has no consent target yet: its sources carry no decisions.
      consents: [],
    };
  };

  return {
    kind: mappingAdapterKind,
    description: spec.description ?? `User-defined mapping ${spec.name}`,
    defaultPriority: spec.priority,
    payloadSchema,
    toCanonical,
    recordIdOf: (payload) => {
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
      const ids = recordId.read(payload as Payload, []);
      return ids.length === 1 ? ids[0] : undefined;
    },
  };
}

function readInstant(reader: Compiled, payload: Payload, transform: Transform | undefined): string {
  const [value, ...rest] = reader.read(payload, null);
  if (value === undefined || rest.length > 0) throw badValue(reader.site, payload, 'does not give exactly one updatedAt');
  if (transform !== undefined) return value;
  // An unformatted updatedAt must be ISO 8601 with an offset: a bare local time names no instant.
  if (!isoInstant.safeParse(value).success) {
    throw badValue(reader.site, payload, 'is not an ISO 8601 date-time with offset (or declare a date format)');
  }
  return new Date(value).toISOString();
}
