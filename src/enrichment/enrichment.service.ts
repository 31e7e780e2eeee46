import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { canonicalJson } from '../audit/hash-chain.ts';
import type { Caller } from '../auth/caller.ts';
import { DomainError } from '../errors/domain-error.ts';
import { int, rowsOf, type GraphExecutor, type Tx } from '../graph/executor.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import {
  APPEND_ENRICHMENT,
  CUSTOMERS_OF_IDENTIFIER,
  ENRICHMENT_BY_ID,
  ENRICHMENT_OF_CUSTOMERS,
  LIST_NAMESPACES,
  NAMESPACE_BY_NAME,
  UPSERT_NAMESPACE,
} from './enrichment.cypher.ts';
import { identifierKeyOf, type PartnerIdentifier } from './identifier-key.ts';
import { compileNamespaceSpec, parseNamespaceSpec, type Attributes, type NamespaceSpec } from './namespace-spec.ts';

/** A namespace as an admin sees it. */
export type NamespaceInfo = { name: string; partner: string; attributes: NamespaceSpec; description: string | null; version: number; updatedAt: string };

/** One enrichment as a golden record or its partner reads it; `customerId` is whose record it was read through (null for the partner). */
export type EnrichmentModel = {
  customerId: string | null;
  namespace: string;
  partner: string;
  identifierType: string;
  attributes: Attributes;
  version: number;
  updatedAt: string;
};

/** What an append answers: the same whether or not any customer holds the identifier. */
export type AppendOutcome = { namespace: string; attributes: string[]; changed: boolean; version: number; updatedAt: string };

/** The partner key a call comes from. */
export type PartnerCaller = { partner: string; keyId: string };

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** Customers named in one append's audit entry; an identifier shared wider than this is a hub. */
const AUDIT_CUSTOMERS = 100;

/** The one FORBIDDEN of enrichment, for a namespace that does not exist and another partner's alike. */
const notYours = () => new DomainError('FORBIDDEN', 'Enrichment namespace not owned by caller', { clientMessage: 'Not allowed for this caller' });

/** The partner behind a call; FORBIDDEN for a person or a source key. */
export function partnerOf(caller: Caller): PartnerCaller {
  if (caller.kind !== 'key' || caller.scope.kind !== 'partner') throw notYours();
  return { partner: caller.scope.partner, keyId: caller.id };
}

type StoredNamespace = Omit<NamespaceInfo, 'attributes'> & { spec: string };
type StoredEnrichment = Omit<EnrichmentModel, 'customerId' | 'attributes'> & { attrs: string };

/**
 * Partner enrichment: namespaces registered by admins, attributes appended by partners
 * under the key of an identifier they hold, read back on golden records and by the
 * partner itself. Values pass through the codec like every personal value.
 */
export class EnrichmentService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;

  constructor(executor: GraphExecutor, codec: ValueCodec) {
    this.executor = executor;
    this.codec = codec;
  }

  /** Registers a namespace for a partner, or replaces the spec of that partner's namespace. */
  async registerNamespace(input: { name: string; partner: string; attributes: unknown; description?: string | null }, actor: Actor): Promise<NamespaceInfo> {
    if (!NAME.test(input.name)) throw badInput(['input', 'name'], 'name must be 1 to 63 lower-case letters, digits, - or _');
    if (!NAME.test(input.partner)) throw badInput(['input', 'partner'], 'partner must be 1 to 63 lower-case letters, digits, - or _');
    if (input.description != null && input.description.length > 500) throw badInput(['input', 'description'], 'description must be at most 500 characters');
    const spec = parseNamespaceSpec(input.attributes, ['input', 'attributes']);
    return this.executor.write(async (tx) => {
      const existing = await namespaceIn(tx, input.name);
      if (existing && existing.partner !== input.partner) {
        throw new DomainError('CONFLICT', 'Namespace owned by another partner', { clientMessage: `Namespace "${input.name}" belongs to another partner`, field: ['input', 'partner'] });
      }
      const params = { name: input.name, partner: input.partner, spec: JSON.stringify(spec), description: input.description ?? null, actor: actor.id };
      const [row] = rowsOf<StoredNamespace>(await tx.run(UPSERT_NAMESPACE, params));
      const info = toNamespace(row!);
      await appendAudit(tx, actor, [
        { operation: 'enrichment.register', fields: Object.keys(spec).sort(), detail: { namespace: info.name, partner: info.partner, version: info.version } },
      ]);
      return info;
    });
  }

  async namespaces(): Promise<NamespaceInfo[]> {
    return (await this.executor.readRows<StoredNamespace>(LIST_NAMESPACES)).map(toNamespace);
  }

  /** The partner owning a namespace; null when no namespace has the name. */
  async ownerOf(name: string): Promise<string | null> {
    if (!NAME.test(name)) return null;
    const [row] = await this.executor.readRows<StoredNamespace>(NAMESPACE_BY_NAME, { name });
    return row?.partner ?? null;
  }

  /**
   * Stores the partner's attributes for the identifier in its namespace, replacing the
   * version before (kept as history). Nothing here asks whether a customer holds the
   * identifier except the audit entry, which the partner never sees.
   */
  async append(by: PartnerCaller, input: { identifier: PartnerIdentifier; namespace: string; attributes: unknown }, actor: Actor): Promise<AppendOutcome> {
    const identifier = identifierKeyOf(input.identifier, this.codec);
    return this.executor.write(async (tx) => {
      const namespace = NAME.test(input.namespace) ? await namespaceIn(tx, input.namespace) : null;
      if (!namespace || namespace.partner !== by.partner) throw notYours();
      const checked = compileNamespaceSpec(namespace.attributes).validate(input.attributes);
      if (!checked.ok) throw badInput(checked.problem.field, checked.problem.reason);
      const attrsJson = canonicalJson(checked.attributes);
      const [row] = rowsOf<{ version: number; updatedAt: string; changed: boolean }>(
        await tx.run(APPEND_ENRICHMENT, {
          id: enrichmentId(namespace.name, identifier.key),
          identifierKey: identifier.key,
          identifierType: identifier.type,
          namespace: namespace.name,
          attrs: this.codec.encode(attrsJson),
          contentHash: createHash('sha256').update(attrsJson).digest('hex'),
          partner: by.partner,
          keyId: by.keyId,
          now: int(Date.now()),
        }),
      );
      const [about] = rowsOf<{ customerIds: string[] }>(await tx.run(CUSTOMERS_OF_IDENTIFIER, { identifierKey: identifier.key, limit: int(AUDIT_CUSTOMERS) }));
      const names = Object.keys(checked.attributes).sort();
      await appendAudit(tx, actor, [
        {
          operation: 'enrichment.append',
          customerIds: [...(about?.customerIds ?? [])].sort(),
          fields: names,
          detail: { namespace: namespace.name, partner: by.partner, keyId: by.keyId, identifierType: identifier.type, version: row!.version, changed: row!.changed },
        },
      ]);
      return { namespace: namespace.name, attributes: names, changed: row!.changed, version: row!.version, updatedAt: row!.updatedAt };
    });
  }

  /** What this partner wrote for the identifier in its namespace; null when nothing (known customer or not). */
  async readOwn(by: PartnerCaller, identifier: PartnerIdentifier, namespace: string): Promise<EnrichmentModel | null> {
    const key = identifierKeyOf(identifier, this.codec).key;
    if ((await this.ownerOf(namespace)) !== by.partner) throw notYours();
    const [row] = await this.executor.readRows<{ enrichment: StoredEnrichment }>(ENRICHMENT_BY_ID, { id: enrichmentId(namespace, key), partner: by.partner });
    return row ? this.toModel(row.enrichment, null) : null;
  }

  /** Enrichment of customers by id, gathered from their records' identifiers: one round trip per batch. */
  loader(): DataLoader<string, EnrichmentModel[]> {
    return new DataLoader(async (ids) => {
      const rows = await this.executor.readRows<{ id: string; enrichment: StoredEnrichment[] }>(ENRICHMENT_OF_CUSTOMERS, { ids: [...new Set(ids)] });
      const byId = new Map(rows.map((r) => [r.id, r.enrichment.map((e) => this.toModel(e, r.id)).sort(byNamespaceThenNewest)]));
      return ids.map((id) => byId.get(id) ?? []);
    });
  }

  private toModel(stored: StoredEnrichment, customerId: string | null): EnrichmentModel {
    const { attrs, ...rest } = stored;
    return { ...rest, customerId, attributes: JSON.parse(this.codec.decode(attrs)) as Attributes };
  }
}

// The namespace leads: its pattern has no '|', so the id cannot collide whatever the key holds.
const enrichmentId = (namespace: string, identifierKey: string) => `${namespace}|${identifierKey}`;

const byNamespaceThenNewest = (a: EnrichmentModel, b: EnrichmentModel) => a.namespace.localeCompare(b.namespace) || b.updatedAt.localeCompare(a.updatedAt);

const badInput = (field: ReadonlyArray<string | number>, clientMessage: string) =>
  new DomainError('BAD_USER_INPUT', `Bad enrichment input at ${field.join('.')}`, { clientMessage, field });

async function namespaceIn(tx: Tx, name: string): Promise<NamespaceInfo | null> {
  const [row] = rowsOf<StoredNamespace>(await tx.run(NAMESPACE_BY_NAME, { name }));
  return row ? toNamespace(row) : null;
}

const toNamespace = ({ spec, ...rest }: StoredNamespace): NamespaceInfo => ({ ...rest, attributes: JSON.parse(spec) as NamespaceSpec });
