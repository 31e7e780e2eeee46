import { randomBytes } from 'node:crypto';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { int, type Tx } from '../graph/executor.ts';
import { sortableInstant } from '../graph/instant.ts';
import type { Person } from '../ingest/canonical.ts';
import type { StoredRecordRef } from '../ingest/ingest.service.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { blockingKeys, frequencyKeys } from './blocking.ts';
import { clusterPairs, type ApartTag, type Link } from './cluster.ts';
import type { MatchRule } from './match-rules.ts';
import type { Model } from './model.ts';
import { profileOf } from './profile-of.ts';
import type { MatchProfile } from './profile.ts';
import {
  ASSIGN_RECORDS,
  CANDIDATE_RECORDS,
  CANDIDATES,
  RECORD_IDENTIFIERS,
  CANNOT_LINKS,
  CREATE_CUSTOMERS,
  CUSTOMER_AGES,
  MERGE_CUSTOMERS,
  RECORD_COUNT,
  RECORDS_TO_RESOLVE,
  SPLIT_SIDES,
  WRITE_BLOCKING_KEYS,
  WRITE_EVIDENCE,
} from './resolution.cypher.ts';
import { decidePair, type PairDecision } from './pair-decision.ts';
import { frequencyCounts, type StoredFrequency, type StoredIdentifier } from './frequency-counts.ts';

export type MatchSettings = {
  model: Model;
  rules: readonly MatchRule[];
  /** A value shared by more records than this is a hub: no candidate source, no evidence. */
  hubDegree: number;
  maxCandidates: number;
};

export type ResolutionSummary = {
  resolved: number;
  newCustomers: number;
  merges: number;
  links: number;
  reviews: number;
  /** The customers whose records changed: their golden records need recomputing. */
  customers: string[];
};

type CandidateRef = { key: string; vias: string[] };

export const newCustomerId = () => `cus_${randomBytes(12).toString('hex')}`;
/** A lineage event's id: merges, splits and unmerges, by hand or by resolution. */
export const newEventId = () => `lin_${randomBytes(10).toString('hex')}`;

/**
 * Resolves records as they are stored, inside the ingest transaction: each record joins
 * the customer it matches, starts a new one, or raises a review; a record that matches
 * two customers merges them. Every link and review keeps its evidence.
 */
export class ResolutionService {
  private readonly codec: ValueCodec;
  private settings: MatchSettings;

  constructor(codec: ValueCodec, settings: MatchSettings) {
    this.codec = codec;
    this.settings = settings;
  }

  get current(): MatchSettings {
    return this.settings;
  }

  use(settings: Partial<MatchSettings>): void {
    this.settings = { ...this.settings, ...settings };
  }

  /** The match profile of a stored record: its attributes plus its normalized identifiers. */
  profileOfStored(attrs: string, ids: readonly string[]): MatchProfile {
    const base = profileOf(JSON.parse(this.codec.decode(attrs)) as Person);
    const byType = (type: string) => ids.filter((id) => id.startsWith(`${type}:`)).map((id) => this.codec.decode(id.slice(type.length + 1)));
    const strong = ['national_id', 'tax_id', 'account_number', 'customer_number', 'loyalty_number', 'user_id'];
    return {
      ...base,
      emails: [...new Set([...base.emails, ...byType('email')])].sort(),
      phones: [...new Set([...base.phones, ...byType('phone')])].sort(),
      ids: [...new Set([...base.ids, ...strong.flatMap((t) => byType(t).map((v) => `${t}:${v}`))])].sort(),
    };
  }

  async resolveInTx(tx: Tx, refs: readonly StoredRecordRef[], actor: Actor): Promise<ResolutionSummary> {
    const { model } = this.settings;
    // Sorted so that concurrent batches take their locks in one order.
    const rows = (await tx.run(RECORDS_TO_RESOLVE, { refs: [...refs].sort((x, y) => (x.key < y.key ? -1 : 1)) })).records.map((r) => r.toObject() as { key: string; attrs: string; customer: string | null });
    if (rows.length === 0) return { resolved: 0, newCustomers: 0, merges: 0, links: 0, reviews: 0, customers: [] };
    const keys = rows.map((r) => r.key);
    const inBatch = new Set(keys);
    const { decisions, customerOf: candidateCustomer } = await this.scoreRecords(tx, rows);

    const links: Link[] = [];
    const units = new Set<string>(keys);
    for (const row of rows) if (row.customer) links.push({ a: row.key, b: row.customer, probability: 1 });
    for (const d of decisions) {
      if (d.decision !== 'link') continue;
      const [mine, other] = inBatch.has(d.a) ? [d.a, d.b] : [d.b, d.a];
      links.push({ a: mine, b: inBatch.has(other) ? other : (candidateCustomer.get(other) ?? other), probability: d.probability });
    }
    for (const link of links) units.add(link.b);

    const customers = [...units].filter((u) => u.startsWith('cus_'));
    const unitOf = (recordKey: string, customer: string | null) => (inBatch.has(recordKey) ? recordKey : (customer ?? recordKey));
    const recordUnits = [...units].filter((u) => !u.startsWith('cus_'));
    // Three independent reads, sent together: the driver pipelines them in the transaction.
    const [cannotRows, apartRows, ageRows] = await Promise.all([
      tx.run(CANNOT_LINKS, { keys: recordUnits, customers }),
      tx.run(SPLIT_SIDES, { keys: recordUnits, customers }),
      tx.run(CUSTOMER_AGES, { ids: customers }),
    ]);
    const cannot = cannotRows.records.map((r) => [unitOf(r.get('a'), r.get('aCustomer')), unitOf(r.get('b'), r.get('bCustomer'))] as const);
    const apart = apartRows.records.map((r): ApartTag => ({ node: r.get('unit'), decision: r.get('decision'), side: r.get('side') }));
    const clusters = clusterPairs([...units], links, model.thresholds.link, cannot, apart).filter((cluster) => cluster.some((u) => inBatch.has(u)));
    const ages = new Map(ageRows.records.map((r) => [r.get('id') as string, sortableInstant(String(r.get('createdAt')))]));
    const created: string[] = [];
    const merges: Array<{ from: string; into: string; by: string; role: string; reason: string; evidence: string; eventId: string }> = [];
    const survivors: string[] = [];
    const assignments: Array<{ key: string; customer: string; rule: string }> = [];
    const clusterOf = new Map<string, number>();
    clusters.forEach((cluster, index) => {
      for (const unit of cluster) clusterOf.set(unit, index);
      const owned = cluster.filter((u) => u.startsWith('cus_')).sort((a, b) => (ages.get(a) ?? '').localeCompare(ages.get(b) ?? '') || a.localeCompare(b));
      const survivor = owned[0] ?? newCustomerId();
      if (!owned[0]) created.push(survivor);
      survivors.push(survivor);
      for (const loser of owned.slice(1)) {
        merges.push({ from: loser, into: survivor, by: actor.id, role: actor.role, reason: 'resolution: a record matched both customers', evidence: evidenceFor(decisions, cluster), eventId: newEventId() });
      }
      for (const unit of cluster) if (!unit.startsWith('cus_')) assignments.push({ key: unit, customer: survivor, rule: 'resolution' });
    });
    for (const d of decisions) {
      const ua = clusterOf.get(unitOf(d.a, candidateCustomer.get(d.a) ?? null));
      const together = ua !== undefined && ua === clusterOf.get(unitOf(d.b, candidateCustomer.get(d.b) ?? null));
      d.props['status'] = d.decision === 'link' ? 'linked' : together ? 'linked-through-others' : 'open';
    }

    if (created.length > 0) await tx.run(CREATE_CUSTOMERS, { ids: created });
    if (merges.length > 0) {
      await tx.run(MERGE_CUSTOMERS, { merges });
      await appendAudit(tx, actor, merges.map((m) => ({ operation: 'merge' as const, customerIds: [m.into, m.from], reason: m.reason, detail: { eventId: m.eventId, survivor: m.into, by: 'resolution' } })));
    }
    if (assignments.length > 0) await tx.run(ASSIGN_RECORDS, { assignments });
    if (decisions.length > 0) await tx.run(WRITE_EVIDENCE, { evidence: decisions.map((d) => ({ a: d.a, b: d.b, props: d.props })) });
    return {
      resolved: rows.length,
      newCustomers: created.length,
      merges: merges.length,
      links: decisions.filter((d) => d.decision === 'link').length,
      reviews: decisions.filter((d) => d.decision === 'review' && d.props['status'] === 'open').length,
      customers: [...new Set(survivors)],
    };
  }

  /**
   * Writes the records' blocking keys, finds their candidates and decides every pair:
   * the one scoring path of incremental and bulk resolution. Each pair once, a < b.
   */
  async scoreRecords(
    tx: Tx,
    rows: ReadonlyArray<{ key: string; attrs: string }>,
  ): Promise<{ decisions: PairDecision[]; customerOf: Map<string, string | null> }> {
    const { model, rules, hubDegree, maxCandidates } = this.settings;
    const keys = rows.map((r) => r.key);
    const idRows = await tx.run(RECORD_IDENTIFIERS, { keys });
    const idsOf = new Map(idRows.records.map((r) => [r.get('key') as string, r.get('ids') as string[]]));
    const profiles = new Map(rows.map((r) => [r.key, this.profileOfStored(r.attrs, idsOf.get(r.key) ?? [])]));
    // Sent together and run in order: the key write returns no rows, so it is complete
    // before the candidate read starts.
    const [, found, count] = await Promise.all([
      tx.run(WRITE_BLOCKING_KEYS, {
        rows: rows.map((r) => {
          const p = profiles.get(r.key)!;
          return { key: r.key, keys: [...blockingKeys(p), ...frequencyKeys(p)] };
        }),
      }),
      tx.run(CANDIDATES, { keys, maxDegree: int(hubDegree), maxCandidates: int(maxCandidates) }),
      tx.run(RECORD_COUNT),
    ]);
    const total = (count.records[0]?.get('n') as number) || 1;

    const decisions: PairDecision[] = [];
    const seen = new Set<string>();
    const customerOf = new Map<string, string | null>();
    const candidateKeys = new Set<string>();
    for (const record of found.records) for (const c of record.get('candidates') as CandidateRef[]) candidateKeys.add(c.key);
    const details = new Map<string, { attrs: string; ids: string[]; customer: string | null }>();
    const detailRows = await tx.run(CANDIDATE_RECORDS, { keys: [...candidateKeys].filter((k) => !profiles.has(k)) });
    for (const row of detailRows.records) details.set(row.get('key'), { attrs: row.get('attrs'), ids: row.get('ids'), customer: row.get('customer') });
    const otherProfiles = new Map<string, MatchProfile>();
    for (const record of found.records) {
      const key = record.get('key') as string;
      const counts = frequencyCounts(this.codec, record.get('identifiers') as StoredIdentifier[], record.get('frequencies') as StoredFrequency[], hubDegree);
      for (const candidate of record.get('candidates') as CandidateRef[]) {
        const detail = details.get(candidate.key);
        customerOf.set(candidate.key, detail?.customer ?? null);
        const [a, b] = key < candidate.key ? [key, candidate.key] : [candidate.key, key];
        if (seen.has(`${a}\n${b}`)) continue;
        seen.add(`${a}\n${b}`);
        let other = profiles.get(candidate.key) ?? otherProfiles.get(candidate.key);
        if (!other && detail) {
          other = this.profileOfStored(detail.attrs, detail.ids);
          otherProfiles.set(candidate.key, other);
        }
        if (!other) continue;
        const decision = decidePair(model, rules, profiles.get(key)!, other, candidate.vias, { get: (c, v) => counts.tf(c, v, total) }, counts.hubs);
        if (decision.decision !== 'no-link') decisions.push({ ...decision, a, b });
      }
    }
    return { decisions, customerOf };
  }

}

function evidenceFor(decisions: readonly PairDecision[], cluster: readonly string[]): string {
  const inCluster = new Set(cluster);
  const used = decisions.filter((d) => d.decision === 'link' && (inCluster.has(d.a) || inCluster.has(d.b)));
  return JSON.stringify(used.map((d) => ({ a: d.a, b: d.b, rule: d.props['rule'], probability: d.probability })));
}
