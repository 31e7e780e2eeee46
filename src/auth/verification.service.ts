import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import type { CustomerService } from '../golden/customer.service.ts';
import type { GoldenService } from '../golden/golden.service.ts';
import { int, type GraphExecutor, type Tx } from '../graph/executor.ts';
import { OPEN_ATTEMPT, UNLOCKED_CUSTOMERS, WRITE_STATE } from './verification.cypher.ts';
import {
  defaultVerificationSettings,
  parseAnswers,
  planAttempt,
  verificationKeyOf,
  type RawAnswers,
  type VerificationOutcome,
  type VerificationSettings,
  type VerificationState,
} from './verification.ts';

export type VerificationOptions = Partial<VerificationSettings> & {
  /** The clock, epoch ms (tests move it to let unlocks and locks expire). */
  now?: () => number;
};

/**
 * Agent step-up verification: an agent checks what a caller says against the customer's
 * golden record; enough matching factors unlock the customer's contact details for that
 * agent for a while, repeated failures lock verification of that customer for that agent.
 * State is in Neo4j, so every API process agrees; each attempt and its audit entries
 * commit together.
 */
export class VerificationService {
  private readonly executor: GraphExecutor;
  private readonly customers: CustomerService;
  private readonly golden: GoldenService;
  readonly settings: VerificationSettings;
  private readonly now: () => number;

  constructor(executor: GraphExecutor, customers: CustomerService, golden: GoldenService, options: VerificationOptions = {}) {
    this.executor = executor;
    this.customers = customers;
    this.golden = golden;
    const { now, ...settings } = options;
    this.settings = { ...defaultVerificationSettings, ...withoutUndefined(settings) };
    this.now = now ?? Date.now;
  }

  /**
   * One attempt by `actor` (the agent) to verify the caller as `customerId`. A merged-away
   * id follows to its survivor. Malformed answers are BAD_USER_INPUT and count as no attempt.
   */
  async verify(actor: Actor, customerId: string, raw: RawAnswers): Promise<VerificationOutcome> {
    const answers = parseAnswers(raw, this.settings.minFactors);
    const [customer] = await this.customers.findByIds([customerId]);
    const resolved = customer?.id ?? null;
    // An unknown id costs the same reads as a known one.
    const [golden] = await this.golden.goldenOf([verificationKeyOf(customerId, resolved)]);
    return this.executor.write(async (tx) => {
      const now = this.now();
      const key = { agentId: actor.id, customerId: verificationKeyOf(customerId, resolved) };
      const state = await openAttempt(tx, key, now);
      const plan = planAttempt({ askedId: customerId, customerId: resolved, golden: golden ?? null, answers, state, now, settings: this.settings });
      await tx.run(WRITE_STATE, { ...key, ...stateParams(plan.state) });
      await appendAudit(tx, actor, plan.audit);
      return plan.outcome;
    });
  }

  /** The customers among `customerIds` whose contact details `agentId` may see now: one read. */
  async unlocked(agentId: string, customerIds: readonly string[]): Promise<Set<string>> {
    if (customerIds.length === 0) return new Set();
    const rows = await this.executor.readRows<{ customerId: string }>(UNLOCKED_CUSTOMERS, { agentId, customerIds: [...new Set(customerIds)], now: int(this.now()) });
    return new Set(rows.map((row) => row.customerId));
  }
}

async function openAttempt(tx: Tx, key: { agentId: string; customerId: string }, now: number): Promise<VerificationState> {
  const result = await tx.run(OPEN_ATTEMPT, { ...key, now: int(now) });
  const row = result.records[0]!;
  return {
    failures: (row.get('failures') as number[]).map(Number),
    lockedUntil: numberOrNull(row.get('lockedUntil')),
    unlockedUntil: numberOrNull(row.get('unlockedUntil')),
  };
}

const stateParams = (state: VerificationState) => ({
  failures: state.failures.map(int),
  lockedUntil: state.lockedUntil === null ? null : int(state.lockedUntil),
  unlockedUntil: state.unlockedUntil === null ? null : int(state.unlockedUntil),
});

const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const withoutUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
