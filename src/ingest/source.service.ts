import { appendAudit } from '../audit/audit.service.ts';
import { systemActor, type Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { GraphExecutor } from '../graph/executor.ts';
import { adapterByKind, builtInAdapters } from './adapters/index.ts';
import { buildMappingAdapter } from './mapping/mapping-adapter.ts';
import { mappingSpecSchema, parseMappingSpec, type MappingSpec } from './mapping/mapping-spec.ts';
import { ENSURE_BUILT_IN_SOURCES, LIST_SOURCES, SOURCE_BY_NAME, SOURCE_COUNTS, UPSERT_SOURCE } from './source.cypher.ts';
import type { AdapterContext, SourceAdapter } from './source-adapter.ts';

export type SourceInfo = {
  name: string;
  /** A built-in adapter's kind, or 'mapping' for a user-defined source. */
  adapter: string;
  priority: number;
  description: string | null;
  defaultCountry: string | null;
  mapping: MappingSpec | null;
  builtIn: boolean;
  /** Rejected records dropped to keep the source under its cap (see IngestService). */
  droppedRejectionCount: number;
};

export type ResolvedSource = { info: SourceInfo; adapter: SourceAdapter; context: AdapterContext };

export type RegisterSourceInput = {
  name: string;
  priority?: number | null;
  /** A built-in adapter kind; omitted when a mapping is given. */
  adapter?: string | null;
  defaultCountry?: string | null;
  mapping?: unknown;
};

type StoredSource = Omit<SourceInfo, 'mapping'> & { mapping: string | null };

const SOURCE_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export class SourceService {
  private readonly executor: GraphExecutor;

  constructor(executor: GraphExecutor) {
    this.executor = executor;
  }

  /** Registers every built-in adapter as a source of the same name, once. */
  async ensureBuiltIns(): Promise<void> {
    const sources = builtInAdapters.map((a) => ({
      name: a.kind,
      adapter: a.kind,
      priority: a.defaultPriority,
      description: a.description,
      builtIn: true,
    }));
    await this.executor.writeRows(ENSURE_BUILT_IN_SOURCES, { sources });
  }

  async list(): Promise<SourceInfo[]> {
    const rows = await this.executor.readRows<{ source: StoredSource }>(LIST_SOURCES);
    return rows.map((row) => fromStored(row.source));
  }

  async counts(names: readonly string[]): Promise<Map<string, { records: number; openRejections: number }>> {
    const rows = await this.executor.readRows<{ name: string; records: number; openRejections: number }>(SOURCE_COUNTS, {
      names: [...names],
    });
    return new Map(rows.map((row) => [row.name, row]));
  }

  /** The source and the adapter that reads its payloads; NOT_FOUND for an unknown name. */
  async resolve(name: string): Promise<ResolvedSource> {
    const [row] = await this.executor.readRows<{ source: StoredSource }>(SOURCE_BY_NAME, { name });
    if (!row) {
      throw new DomainError('NOT_FOUND', 'Unknown source', { clientMessage: `No source is registered as "${name}"`, field: ['source'] });
    }
    const info = fromStored(row.source);
    const adapter = info.mapping ? buildMappingAdapter(info.mapping) : adapterByKind(info.adapter);
    if (!adapter) throw new DomainError('INTERNAL', `Source has unknown adapter kind ${info.adapter}`);
    return { info, adapter, context: { source: info.name, defaultCountry: info.defaultCountry ?? undefined } };
  }

  /**
   * Registers a source, or changes one (how a broken mapping is fixed before its
   * rejected records are replayed). Built-in sources keep their adapter.
   */
  async register(input: RegisterSourceInput, actor: Actor = systemActor): Promise<SourceInfo> {
    if (!SOURCE_NAME.test(input.name)) {
      throw new DomainError('BAD_USER_INPUT', 'Bad source name', {
        clientMessage: 'name must be 1 to 63 lowercase letters, digits, - or _, starting with a letter or digit',
        field: ['input', 'name'],
      });
    }
    const mapping = input.mapping == null ? null : parseMappingSpec(input.mapping, ['input', 'mapping']);
    if (mapping && mapping.name !== input.name) {
      throw new DomainError('BAD_USER_INPUT', 'Mapping name differs', {
        clientMessage: `mapping.name must equal the source name "${input.name}"`,
        field: ['input', 'mapping', 'name'],
      });
    }
    const existing = (await this.executor.readRows<{ source: StoredSource }>(SOURCE_BY_NAME, { name: input.name }))[0]?.source;
    const priority = input.priority ?? mapping?.priority ?? existing?.priority ?? 50;
    const defaultCountry = input.defaultCountry ?? mapping?.defaultCountry ?? existing?.defaultCountry ?? null;
    if (!Number.isInteger(priority) || priority < 0 || priority > 1000) {
      throw new DomainError('BAD_USER_INPUT', 'Bad priority', { clientMessage: 'priority must be a whole number from 0 to 1000', field: ['input', 'priority'] });
    }
    if (defaultCountry != null && !/^[A-Z]{2}$/.test(defaultCountry)) {
      throw new DomainError('BAD_USER_INPUT', 'Bad country', { clientMessage: 'defaultCountry must be an ISO 3166-1 alpha-2 code such as GB', field: ['input', 'defaultCountry'] });
    }
    const adapter = mapping ? 'mapping' : (input.adapter ?? existing?.adapter ?? 'mapping');
    if (existing?.builtIn && adapter !== existing.adapter) {
      throw new DomainError('CONFLICT', 'Built-in adapter change', { clientMessage: `Built-in source "${input.name}" keeps its adapter`, field: ['input', 'adapter'] });
    }
    if (adapter === 'mapping' ? !mapping && !existing?.mapping : !adapterByKind(adapter)) {
      throw new DomainError('BAD_USER_INPUT', 'No adapter', {
        clientMessage: `adapter must be one of ${builtInAdapters.map((a) => a.kind).join(', ')}, or a mapping must be given`,
        field: ['input', mapping ? 'mapping' : 'adapter'],
      });
    }
    const stored = await this.executor.write(async (tx) => {
      const result = await tx.run(UPSERT_SOURCE, {
        source: {
          name: input.name,
          adapter,
          priority,
          defaultCountry,
          description: mapping?.description ?? existing?.description ?? null,
          builtIn: existing?.builtIn ?? false,
          ...(mapping ? { mapping: JSON.stringify(mapping) } : {}),
        },
      });
      await appendAudit(tx, actor, [{ operation: 'source.register', detail: { source: input.name, adapter, priority } }]);
      return result.records[0]!.get('source') as StoredSource;
    });
    return fromStored(stored);
  }
}

function fromStored(stored: StoredSource): SourceInfo {
  return {
    ...stored,
    description: stored.description ?? null,
    defaultCountry: stored.defaultCountry ?? null,
    builtIn: stored.builtIn ?? false,
    droppedRejectionCount: stored.droppedRejectionCount ?? 0,
    mapping: stored.mapping ? mappingSpecSchema.parse(JSON.parse(stored.mapping)) : null,
  };
}
