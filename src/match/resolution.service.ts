import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import type { Tx } from '../graph/executor.ts';
import { DomainError } from '../errors/domain-error.ts';
import { newCustomerId } from '../membership/ids.ts';
import { assertConsistent, assignRecords, createCustomers, lockActive, mergeCustomers, type Assignment, type MergeOrder } from '../membership/membership.ts';
import { bySurvival } from '../membership/survivor.ts';
import type { Person } from '../ingest/canonical.ts';
import type { StoredRecordRef } from '../ingest/ingest.service.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { candidatePairs } from './candidate-pairs.ts';
import { clusterGuards, clusterLinks, type ApartTag, type Link } from './cluster.ts';
import type { MatchRule } from './match-rules.ts';
import type { Model } from './model.ts';
import { profileOf } from './profile-of.ts';
import type { MatchProfile } from './profile.ts';
import { CANNOT_LINKS, CUSTOMER_FACTS, RECORDS_TO_RESOLVE, SPLIT_SIDES, WRITE_EVIDENCE } from './resolution.cypher.ts';
import { decidePair, heldBack, type PairDecision } from './pair-decision.ts';

export type MatchSettings = {
  model: Model;
  rules: readonly MatchRule[];
  /** A value shared by more records than this is a hub: no candidate source, no evidence. */
  hubDegree: number;
  maxCandidates: number;
  /** No link grows a customer past this many records (MATCH_MAX_CUSTOMER_RECORDS): it waits for review instead. */
  maxCustomerRecords: number;
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

/** Reads, locks and checks of one batch before it gives up (another writer kept changing its customers). */
const MAX_ATTEMPTS = 5;

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
    // The customers in play are read, then locked, then checked: another transaction may
    // have merged or moved them in between, and then the batch is decided again.
    for (let attempt = 1; ; attempt++) {
      const summary = await this.attemptInTx(tx, refs, actor);
      if (summary !== 'stale') return summary;
      if (attempt === MAX_ATTEMPTS) throw new DomainError('CONFLICT', 'Customers kept changing', { clientMessage: 'The customers these records match were being changed by others; try again' });
    }
  }

  private async attemptInTx(tx: Tx, refs: readonly StoredRecordRef[], actor: Actor): Promise<ResolutionSummary | 'stale'> {
    const { model } = this.settings;
    // Sorted so that concurrent batches take their locks in one order.
    const rows = (await tx.run(RECORDS_TO_RESOLVE, { refs: [...refs].sort((x, y) => (x.key < y.key ? -1 : 1)) })).records.map((r) => r.toObject() as { key: string; attrs: string; customer: string | null });
    if (rows.length === 0) return { resolved: 0, newCustomers: 0, merges: 0, links: 0, reviews: 0, customers: [] };
    const keys = rows.map((r) => r.key);
    const inBatch = new Set(keys);
    const scored = await this.scoreRecords(tx, rows);
    const candidateCustomer = scored.customerOf;

    // A record's tie to the customer it is in already is kept whatever the guards say.
    const links: Link[] = [];
    const exempt = new Set<Link>();
    const decisionOf = new Map<Link, PairDecision>();
    const units = new Set<string>(keys);
    for (const row of rows) {
      if (!row.customer) continue;
      const link = { a: row.key, b: row.customer, probability: 1 };
      links.push(link);
      exempt.add(link);
    }
    for (const d of scored.decisions) {
      if (d.decision !== 'link') continue;
      const [mine, other] = inBatch.has(d.a) ? [d.a, d.b] : [d.b, d.a];
      const link: Link = { a: mine, b: inBatch.has(other) ? other : (candidateCustomer.get(other) ?? other), probability: d.probability, records: [mine, other] };
      links.push(link);
      decisionOf.set(link, d);
    }
    for (const link of links) units.add(link.b);

    const customers = [...units].filter((u) => u.startsWith('cus_'));
    const unitOf = (recordKey: string, customer: string | null) => (inBatch.has(recordKey) ? recordKey : (customer ?? recordKey));
    const recordUnits = [...units].filter((u) => !u.startsWith('cus_'));
    // Three independent reads, sent together: the driver pipelines them in the transaction.
    const [cannotRows, apartRows, factRows] = await Promise.all([
      tx.run(CANNOT_LINKS, { keys: recordUnits, customers }),
      tx.run(SPLIT_SIDES, { keys: recordUnits, customers }),
      tx.run(CUSTOMER_FACTS, { ids: customers }),
    ]);
    const locked = await lockActive(tx, customers);
    const stale = factRows.records.some((r) => {
      const now = locked.get(r.get('id') as string);
      return now === undefined || now.activeId !== r.get('id') || now.records !== Number(r.get('records'));
    });
    if (stale || factRows.records.length !== customers.length) return 'stale';
    const cannot = cannotRows.records.map((r) => [unitOf(r.get('a'), r.get('aCustomer')), unitOf(r.get('b'), r.get('bCustomer'))] as const);
    const apart = apartRows.records.map((r): ApartTag => ({ node: r.get('unit'), decision: r.get('decision'), side: r.get('side') }));
    // A customer weighs its records, less those of this batch: they are units of their own.
    const inBatchOf = new Map<string, number>();
    for (const row of rows) if (row.customer) inBatchOf.set(row.customer, (inBatchOf.get(row.customer) ?? 0) + 1);
    const weights = new Map(factRows.records.map((r) => [r.get('id') as string, Number(r.get('records')) - (inBatchOf.get(r.get('id')) ?? 0)]));
    // A new record never joins a customer under a privacy restriction (src/privacy/requests/) automatically: the link waits for review.
    const restricted = new Set(factRows.records.filter((r) => r.get('restricted') === true).map((r) => r.get('id') as string));
    const restrictedHeld = links.filter((l) => !exempt.has(l) && restricted.has(l.b));
    const clustering = clusterLinks({
      nodes: [...units],
      links: restrictedHeld.length > 0 ? links.filter((l) => !restrictedHeld.includes(l)) : links,
      threshold: model.thresholds.link,
      cannotLink: cannot,
      apart,
      weights,
      guards: clusterGuards(model.thresholds.link, this.settings.maxCustomerRecords),
      exempt,
    });
    const held = [...clustering.held, ...restrictedHeld.map((link) => ({ link, reason: 'restricted' as const }))];
    const holds = new Map(held.flatMap(({ link, reason }) => (decisionOf.has(link) ? [[decisionOf.get(link)!, reason] as const] : [])));
    const decisions = scored.decisions.map((d) => (holds.has(d) ? heldBack(d, holds.get(d)!) : d));
    const clusters = clustering.clusters.filter((cluster) => cluster.some((u) => inBatch.has(u)));
    const ageOf = new Map(factRows.records.map((r) => [r.get('id') as string, String(r.get('createdAt'))]));
    const created: string[] = [];
    const merges: MergeOrder[] = [];
    const survivors: string[] = [];
    const assignments: Assignment[] = [];
    const clusterOf = new Map<string, number>();
    clusters.forEach((cluster, index) => {
      for (const unit of cluster) clusterOf.set(unit, index);
      const owned = bySurvival(cluster.filter((u) => u.startsWith('cus_')).map((id) => ({ id, createdAt: ageOf.get(id) ?? '' }))).map((c) => c.id);
      const survivor = owned[0] ?? newCustomerId();
      if (!owned[0]) created.push(survivor);
      survivors.push(survivor);
      for (const loser of owned.slice(1)) {
        merges.push({ from: loser, into: survivor, reason: 'resolution: a record matched both customers', evidence: evidenceFor(decisions, cluster) });
      }
      for (const unit of cluster) if (!unit.startsWith('cus_')) assignments.push({ key: unit, customer: survivor, rule: 'resolution' });
    });
    for (const d of decisions) {
      const ua = clusterOf.get(unitOf(d.a, candidateCustomer.get(d.a) ?? null));
      const together = ua !== undefined && ua === clusterOf.get(unitOf(d.b, candidateCustomer.get(d.b) ?? null));
      d.props['status'] = d.decision === 'link' ? 'linked' : together ? 'linked-through-others' : 'open';
    }

    await createCustomers(tx, created);
    if (merges.length > 0) {
      const events = await mergeCustomers(tx, merges, actor);
      await appendAudit(tx, actor, merges.map((m) => ({ operation: 'merge' as const, customerIds: [m.into, m.from], reason: m.reason, detail: { eventId: events.get(m.from)!.eventId, survivor: m.into, by: 'resolution' } })));
    }
    await assignRecords(tx, assignments);
    if (decisions.length > 0) await tx.run(WRITE_EVIDENCE, { evidence: decisions.map((d) => ({ a: d.a, b: d.b, props: d.props })) });
    await assertConsistent(tx, keys, [...customers, ...created]);
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
   * Writes the records' blocking keys (unless `writeKeys` is false: a dry run), finds
   * their candidates and decides every pair with the model in use: the one scoring path
   * of incremental and bulk resolution. Each pair once, a < b; no-link pairs left out.
   */
  async scoreRecords(
    tx: Tx,
    rows: ReadonlyArray<{ key: string; attrs: string }>,
    options: { writeKeys: boolean } = { writeKeys: true },
  ): Promise<{ decisions: PairDecision[]; customerOf: Map<string, string | null> }> {
    const { model, rules } = this.settings;
    const { pairs, customerOf } = await this.candidatePairs(tx, rows, options);
    const decisions: PairDecision[] = [];
    for (const p of pairs) {
      const decision = decidePair(model, rules, p.left, p.right, p.vias, p.tf, p.hubs);
      if (decision.decision !== 'no-link') decisions.push({ ...decision, a: p.a, b: p.b });
    }
    return { decisions, customerOf };
  }

  /** The candidate pairs of a page of records, undecided (see candidate-pairs.ts). */
  candidatePairs(tx: Tx, rows: ReadonlyArray<{ key: string; attrs: string }>, options: { writeKeys: boolean }) {
    const { hubDegree, maxCandidates } = this.settings;
    return candidatePairs(tx, rows, { codec: this.codec, profileOf: (attrs, ids) => this.profileOfStored(attrs, ids), hubDegree, maxCandidates, writeKeys: options.writeKeys });
  }
}

function evidenceFor(decisions: readonly PairDecision[], cluster: readonly string[]): string {
  const inCluster = new Set(cluster);
  const used = decisions.filter((d) => d.decision === 'link' && (inCluster.has(d.a) || inCluster.has(d.b)));
  return JSON.stringify(used.map((d) => ({ a: d.a, b: d.b, rule: d.props['rule'], probability: d.probability })));
}
