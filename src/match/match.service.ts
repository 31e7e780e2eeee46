import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import { int, type GraphExecutor } from '../graph/executor.ts';
import { recordKeyOf } from '../ingest/prepare.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import type { HoldReason } from './cluster.ts';
import { explainPair, type Explanation } from './explain.ts';
import { frequencyCounts, type StoredFrequency, type StoredIdentifier } from './frequency-counts.ts';
import { CROSSWALK, MARK_DIFFERENT, PAIR_RECORDS, REVIEW_QUEUE, STORED_EVIDENCE } from './match.cypher.ts';
import type { Decision } from './model.ts';
import { decidePair } from './pair-decision.ts';
import type { ResolutionService } from './resolution.service.ts';
import type { ScoredComparison } from './score.ts';

export type RecordRef = { source: string; sourceRecordId: string };

export type MatchExplanationModel = {
  aKey: string;
  bKey: string;
  decision: Decision;
  /** The deterministic rule that linked the pair, or 'model'. */
  rule: string;
  modelVersion: string;
  probability: number;
  explanation: Explanation;
  /** True when this is the evidence resolution stored; false when computed on request. */
  stored: boolean;
  decidedAt: string | null;
  sentence: string;
};

export type ReviewItemModel = {
  aKey: string;
  bKey: string;
  probability: number;
  modelVersion: string;
  decidedAt: string;
  /** Set when the pair scored a link that an over-merge guard held back. */
  heldBack: HoldReason | null;
};
export type CrosswalkEntry = { cursor: string; source: string; sourceRecordId: string; customerId: string };

const HELD_BACK: Record<HoldReason, string> = {
  'cluster-size-limit': 'Held back for review: the link would grow a customer past the cluster size limit.',
  'weak-bridge': 'Held back for review: the link was the only evidence joining two customers of several records each.',
};

type PairRow = { key: string; attrs: string; ids: string[]; identifiers: StoredIdentifier[]; frequencies: StoredFrequency[]; customer: string | null };

/** What stewards and auditors ask of resolution: why two records match, what awaits review, the crosswalk. */
export class MatchService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;
  private readonly resolution: ResolutionService;

  constructor(executor: GraphExecutor, codec: ValueCodec, resolution: ResolutionService) {
    this.executor = executor;
    this.codec = codec;
    this.resolution = resolution;
  }

  /** The evidence for a pair: what resolution stored, or else the current model's view. */
  async explain(a: RecordRef, b: RecordRef): Promise<MatchExplanationModel> {
    return this.explainKeys(recordKeyOf(a.source, a.sourceRecordId), recordKeyOf(b.source, b.sourceRecordId));
  }

  async explainKeys(first: string, second: string): Promise<MatchExplanationModel> {
    const [aKey, bKey] = [first, second].sort() as [string, string];
    const rows = await this.executor.readRows<PairRow>(PAIR_RECORDS, { keys: [aKey, bKey] });
    for (const [key, field] of [[aKey, 'a'], [bKey, 'b']] as const) {
      if (!rows.some((r) => r.key === key)) {
        throw new DomainError('NOT_FOUND', 'Unknown record', { clientMessage: `No such record for ${field}`, field: [field] });
      }
    }
    const { model, rules, hubDegree } = this.resolution.current;
    const [stored] = await this.executor.readRows<{ evidence: Record<string, unknown> }>(STORED_EVIDENCE, { a: aKey, b: bKey });
    const evidence = stored?.evidence;
    if (evidence && evidence['modelVersion'] === model.version) {
      const comparisons = JSON.parse(String(evidence['comparisons'])) as ScoredComparison[];
      const explanation = explainPair(model, {
        modelVersion: model.version,
        score: Number(evidence['score']),
        probability: Number(evidence['modelProbability']),
        decision: evidence['decision'] as Decision,
        comparisons,
      });
      return this.result(aKey, bKey, evidence['decision'] as Decision, String(evidence['rule']), model.version, Number(evidence['probability']), explanation, true, String(evidence['decidedAt']), (evidence['heldBack'] as HoldReason | undefined) ?? null);
    }
    const [ra, rb] = [rows.find((r) => r.key === aKey)!, rows.find((r) => r.key === bKey)!];
    const counts = frequencyCounts(this.codec, ra.identifiers, ra.frequencies, hubDegree);
    const hubs = new Set([...counts.hubs, ...frequencyCounts(this.codec, rb.identifiers, [], hubDegree).hubs]);
    const shared = ra.ids.filter((id) => rb.ids.includes(id) && !hubs.has(this.decodedId(id)));
    const vias = [...new Set(shared.map((id) => `identifier:${id.slice(0, id.indexOf(':'))}`))];
    const total = Number((await this.executor.readRows<{ n: number }>('MATCH (r:SourceRecord) RETURN count(r) AS n'))[0]?.n ?? 1);
    const decided = decidePair(
      model,
      rules,
      this.resolution.profileOfStored(ra.attrs, ra.ids),
      this.resolution.profileOfStored(rb.attrs, rb.ids),
      vias,
      { get: (c, v) => counts.tf(c, v, total) },
      hubs,
    );
    const comparisons = JSON.parse(String(decided.props['comparisons'])) as ScoredComparison[];
    const explanation = explainPair(model, {
      modelVersion: model.version,
      score: Number(decided.props['score']),
      probability: Number(decided.props['modelProbability']),
      decision: decided.decision,
      comparisons,
    });
    return this.result(aKey, bKey, decided.decision, String(decided.props['rule']), model.version, decided.probability, explanation, false, null);
  }

  async reviewQueue(first: number): Promise<ReviewItemModel[]> {
    return this.executor.readRows<ReviewItemModel>(REVIEW_QUEUE, { first: int(Math.min(Math.max(first, 1), 500)) });
  }

  /**
   * A steward's decision that two records are different people: no later resolution
   * puts them in one customer. Returns whether they are in one customer now (a split,
   * next, separates them).
   */
  async markDifferent(a: RecordRef, b: RecordRef, actor: Actor, reason: string | null): Promise<{ sameCustomer: boolean }> {
    const [aKey, bKey] = [recordKeyOf(a.source, a.sourceRecordId), recordKeyOf(b.source, b.sourceRecordId)].sort() as [string, string];
    if (aKey === bKey) {
      throw new DomainError('BAD_USER_INPUT', 'Same record twice', { clientMessage: 'a and b must be different records', field: ['b'] });
    }
    return this.executor.write(async (tx) => {
      const row = (await tx.run(MARK_DIFFERENT, { a: aKey, b: bKey, by: actor.id, reason })).records[0];
      if (!row) throw new DomainError('NOT_FOUND', 'Unknown record', { clientMessage: 'No such record for a or b', field: ['a'] });
      await appendAudit(tx, actor, [{ operation: 'cannot-link', recordKeys: [aKey, bKey], reason }]);
      return { sameCustomer: row.get('sameCustomer') as boolean };
    });
  }

  /** Source, source record id and customer id of every resolved record, in key order, paged by cursor. */
  async crosswalk(source: string | null, first: number, after: string | null): Promise<CrosswalkEntry[]> {
    return this.executor.readRows<CrosswalkEntry>(CROSSWALK, { source, after, first: int(Math.min(Math.max(first, 1), 10_000)) });
  }

  private decodedId(id: string): string {
    const at = id.indexOf(':');
    return `${id.slice(0, at)}:${this.codec.decode(id.slice(at + 1))}`;
  }

  private result(
    aKey: string, bKey: string, decision: Decision, rule: string, modelVersion: string, probability: number,
    explanation: Explanation, stored: boolean, decidedAt: string | null, heldBack: HoldReason | null = null,
  ): MatchExplanationModel {
    const verdict = rule === 'model' ? explanation.sentence : `Linked outright by rule ${rule}. The model's view: ${explanation.sentence}`;
    const sentence = heldBack ? `${HELD_BACK[heldBack]} ${verdict}` : verdict;
    return { aKey, bKey, decision, rule, modelVersion, probability, explanation, stored, decidedAt, sentence };
  }
}
