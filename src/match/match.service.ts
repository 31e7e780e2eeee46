import DataLoader from 'dataloader';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import { int, rowsOf, type GraphExecutor } from '../graph/executor.ts';
import { recordKeyOf } from '../ingest/prepare.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import type { HoldReason } from './cluster.ts';
import { explainPair, type Explanation } from './explain.ts';
import { frequencyCounts, type StoredFrequency, type StoredIdentifier } from './frequency-counts.ts';
import { recordCannotLink } from '../membership/decisions.ts';
import { CROSSWALK, PAIR_RECORDS, REVIEW_QUEUE, STORED_EVIDENCE } from './match.cypher.ts';
import type { MatchRule } from './match-rules.ts';
import type { Decision, Model } from './model.ts';
import { decidePair } from './pair-decision.ts';
import { RECORD_COUNT } from './resolution.cypher.ts';
import type { ResolutionService } from './resolution.service.ts';
import type { ReviewPairModel } from './review-item.ts';
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

/** The key of a pair for `explanationLoader`: its two record keys, smaller first. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}\n${b}` : `${b}\n${a}`);
export type CrosswalkEntry = { cursor: string; source: string; sourceRecordId: string; customerId: string };

const HELD_BACK: Record<HoldReason, string> = {
  'cluster-size-limit': 'Held back for review: the link would grow a customer past the cluster size limit.',
  'weak-bridge': 'Held back for review: the link was the only evidence joining two customers of several records each.',
  restricted: 'Held back for review: the customer is under a privacy restriction, so no record joins it automatically.',
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
    const [explained] = await this.explainPairs([{ a: first, b: second }]);
    if (explained instanceof Error) throw explained;
    return explained!;
  }

  /**
   * Explanations of many pairs, in the order asked, at a cost that does not grow with
   * their number: one read transaction of one statement when resolution stored every
   * pair's evidence under the current model, three otherwise. A pair naming an unknown
   * record gets a NOT_FOUND error in its place.
   */
  async explainPairs(pairs: ReadonlyArray<{ a: string; b: string }>): Promise<(MatchExplanationModel | DomainError)[]> {
    const sorted = pairs.map((p) => [p.a, p.b].sort() as [string, string]);
    const { model, rules, hubDegree } = this.resolution.current;
    return this.executor.read(async (tx) => {
      const unique = [...new Map(sorted.map(([a, b]) => [pairKey(a, b), { a, b }])).values()];
      const stored = new Map<string, Record<string, unknown>>();
      for (const row of (await tx.run(STORED_EVIDENCE, { pairs: unique })).records) stored.set(pairKey(row.get('a'), row.get('b')), row.get('evidence'));
      const current = (key: string) => stored.get(key)?.['modelVersion'] === model.version;
      const keys = [...new Set(unique.filter((p) => !current(pairKey(p.a, p.b))).flatMap((p) => [p.a, p.b]))];
      const records = new Map<string, PairRow>();
      let total = 1;
      if (keys.length > 0) {
        const [found, count] = await Promise.all([tx.run<PairRow>(PAIR_RECORDS, { keys }), tx.run(RECORD_COUNT)]);
        for (const row of rowsOf(found)) records.set(row.key, row);
        total = Number(count.records[0]?.get('n') ?? 1) || 1;
      }
      return sorted.map(([aKey, bKey]) => {
        const evidence = stored.get(pairKey(aKey, bKey));
        if (evidence && current(pairKey(aKey, bKey))) return this.fromEvidence(aKey, bKey, evidence);
        for (const [key, field] of [[aKey, 'a'], [bKey, 'b']] as const) {
          if (!records.has(key)) return new DomainError('NOT_FOUND', 'Unknown record', { clientMessage: `No such record for ${field}`, field: [field] });
        }
        return this.computed(aKey, bKey, records.get(aKey)!, records.get(bKey)!, total, model, rules, hubDegree);
      });
    });
  }

  /** A per-request loader of explanations by pair (`pairKey`): explaining a page of review pairs costs one batch. */
  explanationLoader(): DataLoader<string, MatchExplanationModel> {
    return new DataLoader<string, MatchExplanationModel>(
      async (keys) => this.explainPairs(keys.map((key) => ({ a: key.slice(0, key.indexOf('\n')), b: key.slice(key.indexOf('\n') + 1) }))),
      { maxBatchSize: 1000 },
    );
  }

  private fromEvidence(aKey: string, bKey: string, evidence: Record<string, unknown>): MatchExplanationModel {
    const { model } = this.resolution.current;
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

  private computed(aKey: string, bKey: string, ra: PairRow, rb: PairRow, total: number, model: Model, rules: readonly MatchRule[], hubDegree: number): MatchExplanationModel {
    const counts = frequencyCounts(this.codec, ra.identifiers, ra.frequencies, hubDegree);
    const hubs = new Set([...counts.hubs, ...frequencyCounts(this.codec, rb.identifiers, [], hubDegree).hubs]);
    const shared = ra.ids.filter((id) => rb.ids.includes(id) && !hubs.has(this.decodedId(id)));
    const vias = [...new Set(shared.map((id) => `identifier:${id.slice(0, id.indexOf(':'))}`))];
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

  /** Open review pairs one by one, best first (the review queue proper is ReviewService: one item per customer pair). */
  async reviewQueue(first: number): Promise<ReviewPairModel[]> {
    return this.executor.readRows<ReviewPairModel>(REVIEW_QUEUE, { first: int(Math.min(Math.max(first, 1), 500)) });
  }

  /**
   * A steward's decision that two records are different people: no later resolution
   * puts them in one customer. Returns whether they are in one customer now (a split,
   * next, separates them).
   */
  async markDifferent(a: RecordRef, b: RecordRef, actor: Actor, reason: string | null): Promise<{ sameCustomer: boolean; decisionId: string }> {
    const [aKey, bKey] = [recordKeyOf(a.source, a.sourceRecordId), recordKeyOf(b.source, b.sourceRecordId)].sort() as [string, string];
    if (aKey === bKey) {
      throw new DomainError('BAD_USER_INPUT', 'Same record twice', { clientMessage: 'a and b must be different records', field: ['b'] });
    }
    return this.executor.write(async (tx) => {
      const decision = await recordCannotLink(tx, aKey, bKey, actor, reason);
      await appendAudit(tx, actor, [{ operation: 'cannot-link', recordKeys: [aKey, bKey], reason, detail: { decision: decision.id } }]);
      return { sameCustomer: decision.sameCustomer, decisionId: decision.id };
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
