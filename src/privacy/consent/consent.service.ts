import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../audit/audit.ts';
import { DomainError } from '../../errors/domain-error.ts';
import { appendOutbox, type ChangeInput } from '../../events/outbox.ts';
import type { GraphExecutor, Tx } from '../../graph/executor.ts';
import { lockActive } from '../../membership/membership.ts';
import { consentEntrySchema, topicOf, type ConsentEntry, type ConsentDecision } from './consent.ts';
import { CONSENT_INPUTS, EFFECTIVE_CONSENT_OF, HOLDS_RECORD_OF, WRITE_CUSTOMER_CONSENT, WRITE_DIRECT_CONSENT } from './consent.cypher.ts';
import { customerConsentRow, effectiveConsent, type EffectiveSlot } from './effective.ts';
import { defaultConsentSettings, type ConsentSettings } from './export-rule.ts';

/** A decision as a row brings it: where it hangs as two nullable ids instead of `origin`. */
type StoredDecision = Omit<ConsentDecision, 'origin'> & { recordKey: string | null; customerId: string | null };

/** A decision as the API shows it: `customerId` is the customer it is read for; `origin` says where it hangs. */
export type ConsentDecisionModel = ConsentDecision & { recordKey: string | null; customerId: string };
export type EffectiveConsentModel = { customerId: string; slots: EffectiveSlot[]; at: string | null };

/** Who records a direct decision: a person (source 'direct'), or a source's own key (that source, and only for customers it holds a record of). */
export type ConsentAuthor = { actor: Actor; source: string; sourceKey: boolean };

const toDecision = (d: StoredDecision): ConsentDecision => ({
  id: d.id,
  topic: d.topic,
  channel: d.channel ?? null,
  value: d.value,
  givenAt: Number(d.givenAt),
  receivedAt: Number(d.receivedAt),
  source: d.source,
  evidence: d.evidence ?? null,
  recordedBy: d.recordedBy ?? null,
  origin: d.recordKey !== null ? { kind: 'record', recordKey: d.recordKey } : { kind: 'direct', customerId: d.customerId! },
});

/**
 * Consent per purpose and channel: the history (every decision, never overwritten), the
 * effective consent computed from it (effective.ts) and stored on the Customer in the
 * transaction that changed the customer's records or decisions, and direct decisions.
 */
export class ConsentService {
  private readonly executor: GraphExecutor;
  readonly settings: ConsentSettings;

  constructor(executor: GraphExecutor, settings: Partial<ConsentSettings> = {}) {
    this.executor = executor;
    this.settings = { ...defaultConsentSettings, ...settings };
  }

  /**
   * Recomputes, in the caller's transaction, the effective consent of `ids` from their full
   * history, and stores it where it changed. Runs after every golden refresh (ingest, merge,
   * split, unmerge, re-resolution: services.ts), whose writer holds the customers' locks,
   * and after a direct decision. Merged-away customers hold none. A change of an active
   * customer's effective consent is a CUSTOMER_UPDATED event naming 'consent'.
   */
  async refreshInTx(tx: Tx, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const result = await tx.run(CONSENT_INPUTS, { ids: [...new Set(ids)].sort() });
    const rows: Array<Record<string, unknown>> = [];
    const events: ChangeInput[] = [];
    for (const record of result.records) {
      const id = record.get('id') as string;
      const stored = record.get('stored') as string | null;
      if (record.get('status') !== 'active') {
        if (stored !== null) rows.push({ id, granted: null, denied: null, objection: null, doNotSell: null, state: null });
        continue;
      }
      const row = customerConsentRow(effectiveConsent((record.get('decisions') as StoredDecision[]).map(toDecision)));
      if (row.state === stored) continue;
      rows.push({ id, ...row });
      if ((stored ?? '[]') !== row.state) events.push({ type: 'CUSTOMER_UPDATED', customerId: id, changedAttributes: ['consent'] });
    }
    await Promise.all([rows.length > 0 ? tx.run(WRITE_CUSTOMER_CONSENT, { rows }) : null, appendOutbox(tx, events)]);
  }

  /**
   * A decision recorded directly on a customer (an objection received by phone, a
   * preference centre): validated as a record's decision is, stored on the active customer
   * the id resolves to, the effective consent recomputed under the customer's lock, audited.
   */
  async record(customerId: string, input: unknown, author: ConsentAuthor): Promise<EffectiveConsentModel> {
    const parsed = consentEntrySchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError('BAD_USER_INPUT', 'Bad consent decision', { clientMessage: issue?.message ?? 'is invalid', field: ['input', ...((issue?.path ?? []) as (string | number)[]).map((p) => (p === 'status' ? 'value' : p))] });
    }
    const entry = parsed.data;
    if (Date.parse(entry.givenAt) > Date.now() + 60_000) {
      throw new DomainError('BAD_USER_INPUT', 'Consent given in the future', { clientMessage: 'givenAt must not be in the future', field: ['input', 'givenAt'] });
    }
    return this.executor.write((tx) => this.recordInTx(tx, customerId, entry, author));
  }

  /**
   * `record` within the caller's transaction, for a decision already validated: an upheld
   * objection or do-not-sell request records its flag with the request's step.
   */
  async recordInTx(tx: Tx, customerId: string, entry: ConsentEntry, author: ConsentAuthor): Promise<EffectiveConsentModel> {
    const givenAt = Date.parse(entry.givenAt);
    const active = (await lockActive(tx, [customerId])).get(customerId);
    if (!active) throw new DomainError('NOT_FOUND', 'Unknown customer', { clientMessage: 'No customer has this id', field: ['customerId'] });
    if (author.sourceKey && !(await tx.run(HOLDS_RECORD_OF, { id: active.activeId, source: author.source })).records[0]?.get('holds')) {
      // The one refusal the access rules give: a key learns nothing about customers of other sources.
      throw new DomainError('FORBIDDEN', 'Source key outside its customers', { clientMessage: 'Not allowed for this caller' });
    }
    const id = `cns_${randomUUID()}`;
    const topic = topicOf(entry);
    await tx.run(WRITE_DIRECT_CONSENT, {
      customerId: active.activeId,
      id,
      topic,
      channel: entry.channel ?? null,
      value: entry.status,
      givenAt,
      evidence: entry.evidence ?? null,
      source: author.source,
      actor: author.actor.id,
    });
    await this.refreshInTx(tx, [active.activeId]);
    await appendAudit(tx, author.actor, [
      { operation: 'consent.record', customerIds: [active.activeId], fields: ['consent'], detail: { decisionId: id, topic, channel: entry.channel ?? null, value: entry.status, source: author.source } },
    ]);
    const [row] = (await tx.run(EFFECTIVE_CONSENT_OF, { ids: [active.activeId] })).records;
    return { customerId: active.activeId, slots: JSON.parse((row?.get('state') as string | null) ?? '[]') as EffectiveSlot[], at: (row?.get('at') as string | null) ?? null };
  }

  /** The stored effective consent of each customer (empty slots when none is stored). */
  async effectiveOf(ids: readonly string[]): Promise<EffectiveConsentModel[]> {
    const rows = await this.executor.readRows<{ id: string; state: string | null; at: string | null }>(EFFECTIVE_CONSENT_OF, { ids: [...new Set(ids)] });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => ({ customerId: id, slots: JSON.parse(byId.get(id)?.state ?? '[]') as EffectiveSlot[], at: byId.get(id)?.at ?? null }));
  }

  /** Every decision behind a customer, latest given first (precedence order is effective.ts's). */
  async history(customerId: string): Promise<ConsentDecisionModel[]> {
    const [row] = await this.executor.readRows<{ decisions: StoredDecision[] }>(CONSENT_INPUTS, { ids: [customerId] });
    return (row?.decisions ?? [])
      .map((d) => ({ ...toDecision(d), recordKey: d.recordKey, customerId }))
      .sort((a, b) => b.givenAt - a.givenAt || b.receivedAt - a.receivedAt || (a.id < b.id ? -1 : 1));
  }

  /** The effective consent recomputed from the history now (tests and checks compare it with the stored one). */
  async recompute(customerId: string): Promise<EffectiveSlot[]> {
    return effectiveConsent(await this.history(customerId)).slots;
  }
}
