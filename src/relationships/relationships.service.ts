import DataLoader from 'dataloader';
import { DomainError } from '../errors/domain-error.ts';
import { CUSTOMERS_BY_ID } from '../golden/customer.cypher.ts';
import { int, type GraphExecutor, type Tx } from '../graph/executor.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { GraphCollector, nodeIdOf, type IdentityGraph, type PersonalLabel } from './identity-graph.ts';
import {
  DROP_STALE_AFFILIATIONS,
  DROP_STALE_MEMBERSHIPS,
  HOUSEHOLD_OF,
  NEIGHBOURHOOD,
  ORGANISATIONS_OF,
  WRITE_AFFILIATIONS,
  WRITE_MEMBERSHIPS,
} from './relationships.cypher.ts';
import { planRelationships, type AffiliationRole, type RelationshipInput } from './relationships-plan.ts';
import type { HouseholdKind } from './relationship-keys.ts';

export type RelationshipSettings = {
  /** A household or organisation with more customers than this is a hub (an office, a PO box, a care home): no household. */
  hubLimit: number;
  /** An identifier on more records than this is a hub: drawn in the identity graph, not followed. */
  hubDegree: number;
  /** The most nodes an identity graph answers with. */
  nodeLimit: number;
};
export const defaultRelationshipSettings = (): RelationshipSettings => ({ hubLimit: 20, hubDegree: 25, nodeLimit: 300 });

export type HouseholdEvidenceModel = { kind: HouseholdKind; value: string; records: string[]; recordKeys: string[] };
export type HouseholdModel = { id: string; memberIds: string[]; evidence: HouseholdEvidenceModel[] };
export type OrganisationModel = { id: string; name: string; role: AffiliationRole; sources: string[] };

export const MAX_GRAPH_DEPTH = 3;

type IdentifierRow = { key: string; type: string; value: string; degree: number; others: Array<{ key: string; source: string; sourceRecordId: string; customerId: string }> };
type NeighbourhoodRow = {
  id: string;
  status: string | null;
  mergedInto: string | null;
  records: Array<{ key: string; source: string; sourceRecordId: string; identifiers: IdentifierRow[] }>;
  households: Array<{ id: string; kind: HouseholdKind; value: string; records: string[]; size: number; others: Array<{ customerId: string; records: string[] }> }>;
  organisations: Array<{ id: string; name: string; role: string; size: number; others: string[] }>;
  events: Array<{ id: string; kind: string; at: string; from: string | null; to: string | null }>;
  mergedIn: string[];
};

const identifierMask = (type: string) => (type === 'email' ? 'email' : type === 'phone' ? 'phone' : 'identifier');

/**
 * Households (people sharing a home address or landline) and organisations (employers,
 * account holders) of customers, kept with their membership, and the identity graph
 * around a customer. Never a reason to merge: nothing here writes membership.
 */
export class RelationshipService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;
  readonly settings: RelationshipSettings;

  constructor(executor: GraphExecutor, codec: ValueCodec, settings: RelationshipSettings) {
    this.executor = executor;
    this.codec = codec;
    this.settings = settings;
  }

  /** Rewrites the households and organisations of these customers from their records, in the caller's transaction. */
  async refreshInTx(tx: Tx, inputs: readonly RelationshipInput[]): Promise<void> {
    if (inputs.length === 0) return;
    const plans = inputs.map((input) => planRelationships(input, this.codec)).sort((x, y) => (x.customerId < y.customerId ? -1 : 1));
    const memberships = plans
      .flatMap((p) => p.memberships.map((m) => ({ customerId: p.customerId, key: m.key, id: m.id, kind: m.kind, value: this.codec.encode(m.value), recordKeys: m.recordKeys })))
      // By key, then by first record: a new household's value is written as its first record (by key) has it.
      .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.recordKeys[0]! < y.recordKeys[0]! ? -1 : 1));
    const affiliations = plans
      .flatMap((p) => p.affiliations.map((a) => ({ customerId: p.customerId, ...a, name: this.codec.encode(a.name) })))
      .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    // Pipelined: one round trip. The statements run in order; the edges they drop and write are disjoint.
    await Promise.all([
      tx.run(DROP_STALE_MEMBERSHIPS, { rows: plans.map((p) => ({ id: p.customerId, keys: p.memberships.map((m) => m.key) })) }),
      tx.run(DROP_STALE_AFFILIATIONS, { rows: plans.map((p) => ({ id: p.customerId, keys: p.affiliations.map((a) => `${a.key}|${a.role}`) })) }),
      memberships.length > 0 ? tx.run(WRITE_MEMBERSHIPS, { rows: memberships }) : null,
      affiliations.length > 0 ? tx.run(WRITE_AFFILIATIONS, { rows: affiliations }) : null,
    ]);
  }

  async householdsOf(ids: readonly string[]): Promise<(HouseholdModel | null)[]> {
    const rows = await this.executor.readRows<{ id: string; householdId: string; members: string[]; evidence: Array<{ kind: HouseholdKind; value: string; records: string[] }> }>(HOUSEHOLD_OF, {
      ids: [...new Set(ids)],
      hubLimit: int(this.settings.hubLimit),
    });
    const byId = new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.householdId,
          memberIds: [...r.members].sort(),
          evidence: r.evidence.map((e) => {
            const records = [...new Set(e.records)].sort();
            return { kind: e.kind, value: this.codec.decode(e.value), records, recordKeys: records };
          }),
        },
      ]),
    );
    return ids.map((id) => byId.get(id) ?? null);
  }

  householdLoader(): DataLoader<string, HouseholdModel | null> {
    return new DataLoader((ids) => this.householdsOf(ids), { maxBatchSize: 500 });
  }

  async organisationsOf(ids: readonly string[]): Promise<OrganisationModel[][]> {
    const rows = await this.executor.readRows<{ id: string; organisationId: string; name: string; role: AffiliationRole; sources: string[] }>(ORGANISATIONS_OF, { ids: [...new Set(ids)] });
    const byId = new Map<string, OrganisationModel[]>();
    for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), { id: r.organisationId, name: this.codec.decode(r.name), role: r.role, sources: r.sources }]);
    // By name as read: the stored name is encoded, so the query cannot order by it.
    for (const list of byId.values()) list.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.role < y.role ? -1 : x.role > y.role ? 1 : 0));
    return ids.map((id) => byId.get(id) ?? []);
  }

  organisationsLoader(): DataLoader<string, OrganisationModel[]> {
    return new DataLoader((ids) => this.organisationsOf(ids), { maxBatchSize: 500 });
  }

  /**
   * The nodes and edges around a customer (a merged-away id answers with its survivor's):
   * depth 1 is its records, their identifiers, its households, organisations, lineage and
   * the customers one shared value away; each further level expands those customers. One
   * statement per level (at most MAX_GRAPH_DEPTH + 1), whatever the size; hubs are drawn and
   * not followed; past the node limit the graph is cut and says so.
   */
  async identityGraph(customerId: string, depth: number): Promise<IdentityGraph> {
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_GRAPH_DEPTH) {
      throw new DomainError('BAD_USER_INPUT', 'Identity graph depth out of range', { clientMessage: `depth must be 1 to ${MAX_GRAPH_DEPTH}`, field: ['depth'] });
    }
    const [asked] = await this.executor.readRows<{ id: string }>(CUSTOMERS_BY_ID, { ids: [customerId] });
    if (!asked) throw new DomainError('NOT_FOUND', 'Unknown customer', { clientMessage: 'No customer has this id', field: ['customerId'] });
    const graph = new GraphCollector(this.settings.nodeLimit);
    const customerNode = (id: string, merged = false) => graph.node({ id: nodeIdOf.customer(id), kind: 'customer', label: merged ? `${id} (merged)` : id, ref: id });
    customerNode(asked.id);
    const expanded = new Set<string>();
    let frontier = [asked.id];
    for (let level = 1; level <= depth && frontier.length > 0; level++) {
      for (const id of frontier) expanded.add(id);
      const rows = await this.executor.readRows<NeighbourhoodRow>(NEIGHBOURHOOD, {
        ids: frontier,
        hubDegree: int(this.settings.hubDegree),
        hubLimit: int(this.settings.hubLimit),
      });
      const next = new Set<string>();
      for (const row of rows.sort((x, y) => (x.id < y.id ? -1 : 1))) this.addNeighbourhood(graph, row, customerNode, next);
      frontier = [...next].filter((id) => !expanded.has(id)).sort();
      if (graph.full) {
        if (frontier.length > 0) graph.cut();
        break;
      }
    }
    return graph.result();
  }

  private addNeighbourhood(graph: GraphCollector, row: NeighbourhoodRow, customerNode: (id: string, merged?: boolean) => boolean, next: Set<string>): void {
    const me = nodeIdOf.customer(row.id);
    const personal = (prefix: string, stored: string, kind: PersonalLabel['kind']): { label: string; personal: PersonalLabel } => {
      const value = this.codec.decode(stored);
      return { label: `${prefix}${value}`, personal: { prefix, value, kind } };
    };
    const reach = (customerId: string, merged = false) => {
      if (customerNode(customerId, merged) && !merged) next.add(customerId);
    };
    for (const record of row.records.sort((x, y) => (x.key < y.key ? -1 : 1))) {
      const rid = nodeIdOf.record(record.key);
      graph.node({ id: rid, kind: 'source_record', label: `${record.source} ${record.sourceRecordId}`, ref: record.key });
      graph.edge(rid, me, 'BELONGS_TO');
      for (const identifier of record.identifiers.sort((x, y) => (x.key < y.key ? -1 : 1))) {
        const iid = nodeIdOf.identifier(identifier.key);
        const hub = Number(identifier.degree) > this.settings.hubDegree;
        graph.node({ id: iid, kind: 'identifier', hub, recordKeys: [record.key, ...identifier.others.map((o) => o.key)], ...personal(`${identifier.type}: `, identifier.value, identifierMask(identifier.type)) });
        graph.edge(rid, iid, 'HAS_IDENTIFIER');
        for (const other of identifier.others) {
          const oid = nodeIdOf.record(other.key);
          reach(other.customerId);
          graph.node({ id: oid, kind: 'source_record', label: `${other.source} ${other.sourceRecordId}`, ref: other.key });
          graph.edge(oid, iid, 'HAS_IDENTIFIER');
          graph.edge(oid, nodeIdOf.customer(other.customerId), 'BELONGS_TO');
        }
      }
    }
    for (const household of row.households) {
      const hid = nodeIdOf.household(household.id);
      const hub = Number(household.size) > this.settings.hubLimit;
      const recordKeys = [...household.records, ...household.others.flatMap((o) => o.records)];
      graph.node({ id: hid, kind: 'household', hub, ref: household.id, recordKeys, ...personal(`${household.kind}: `, household.value, household.kind === 'address' ? 'redacted' : 'phone') });
      graph.edge(me, hid, 'MEMBER_OF');
      for (const other of household.others) {
        reach(other.customerId);
        graph.edge(nodeIdOf.customer(other.customerId), hid, 'MEMBER_OF');
      }
    }
    for (const organisation of row.organisations) {
      const oid = nodeIdOf.organisation(organisation.id);
      graph.node({ id: oid, kind: 'organisation', label: this.codec.decode(organisation.name), ref: organisation.id, hub: Number(organisation.size) > this.settings.hubLimit });
      graph.edge(me, oid, 'AFFILIATED_WITH');
      for (const other of organisation.others) {
        reach(other);
        graph.edge(nodeIdOf.customer(other), oid, 'AFFILIATED_WITH');
      }
    }
    for (const merged of row.mergedIn.sort()) {
      customerNode(merged, true);
      graph.edge(nodeIdOf.customer(merged), me, 'MERGED_INTO');
    }
    for (const event of row.events.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))) {
      const eid = nodeIdOf.event(event.id);
      graph.node({ id: eid, kind: 'lineage_event', label: `${event.kind} ${event.at}`, ref: event.id });
      for (const [end, kind] of [[event.from, 'MOVED_FROM'], [event.to, 'MOVED_TO']] as const) {
        if (end === null) continue;
        if (end !== row.id) customerNode(end);
        graph.edge(eid, nodeIdOf.customer(end), kind);
      }
    }
  }
}
