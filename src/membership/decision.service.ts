import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { GraphExecutor } from '../graph/executor.ts';
import type { GoldenService } from '../golden/golden.service.ts';
import type { GoldenAttribute } from '../golden/survivorship.ts';
import { DECISIONS_OF_CUSTOMER } from './decisions.cypher.ts';
import { liftDecision } from './decisions.ts';
import { decisionKindOf, pinDecisionId } from './ids.ts';

export type DecisionKindName = 'must-link' | 'cannot-link' | 'split' | 'pin';
export type DecisionModel = {
  id: string;
  kind: DecisionKindName;
  at: string;
  by: string;
  reason: string | null;
  recordKeys: string[];
  otherKeys: string[];
  attribute: GoldenAttribute | null;
};
export type LiftModel = { id: string; kind: DecisionKindName; recordKeys: string[] };

/** Lists and lifts the steward decisions on a customer (the writes are in decisions.ts). */
export class DecisionService {
  private readonly executor: GraphExecutor;
  private readonly golden: GoldenService;

  constructor(executor: GraphExecutor, golden: GoldenService) {
    this.executor = executor;
    this.golden = golden;
  }

  async list(customerId: string): Promise<DecisionModel[]> {
    const rows = await this.executor.readRows<Omit<DecisionModel, 'attribute'>>(DECISIONS_OF_CUSTOMER, { id: customerId });
    const pins = await this.executor.read(async (tx) => (await this.golden.inputs(tx, [customerId])).get(customerId)?.pins ?? []);
    return [
      ...rows.map((r) => ({ ...r, attribute: null })),
      ...pins.map((p) => ({ id: pinDecisionId(customerId, p.attribute), kind: 'pin' as const, at: p.at, by: p.by, reason: p.reason, recordKeys: [], otherKeys: [], attribute: p.attribute })),
    ];
  }

  async lift(id: string, actor: Actor, reason: string): Promise<LiftModel> {
    const kind = decisionKindOf(id);
    if (kind === null) throw new DomainError('NOT_FOUND', 'Unknown decision', { clientMessage: 'No decision has this id', field: ['id'] });
    if (kind === 'pin') {
      const [, customerId, attribute] = id.split(':') as [string, string, string];
      await this.golden.unpin(customerId, attribute, actor, reason);
      return { id, kind, recordKeys: [] };
    }
    return this.executor.write((tx) => liftDecision(tx, id, actor, reason));
  }
}
