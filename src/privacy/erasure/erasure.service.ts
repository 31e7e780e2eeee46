import { appendAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../audit/audit.ts';
import { int, rowsOf, type GraphExecutor, type Tx } from '../../graph/executor.ts';
import type { ValueCodec } from '../codec.ts';
import { scopeOf } from '../export/export.service.ts';
import type { PrivacyRequestModel, PrivacyRequestService } from '../requests/request.service.ts';
import { checkKind, checkTransition } from '../requests/request.ts';
import * as q from './erasure.cypher.ts';
import { redactEntry, type EntryToRedact } from './redact.ts';
import { sourceRecordTombstoneKey } from './tombstone.ts';

/** The steps in order; the request keeps the one reached (erasureStep), so a second run resumes there. */
export const erasurePhases = ['audit', 'interactions', 'records', 'customers', 'done'] as const;
export type ErasurePhase = (typeof erasurePhases)[number];

export type ErasureReport = {
  request: PrivacyRequestModel;
  complete: boolean;
  customers: number;
  records: number;
  identifierCount: number;
  sharedIdentifierCount: number;
  interactions: number;
  tombstoneKeys: number;
  auditEntriesRedacted: number;
  legacyAuditEntries: number;
};

/** Nodes deleted per transaction, and audit entries read per page. */
const BATCH = { interactions: 5_000, records: 200, history: 5_000, audit: 5_000 };

/**
 * Erasure (GDPR Art. 17) in bounded transactions that can be repeated: the first marks the
 * customers (their id and every id merged into it) `erasing`, writes the tombstone and
 * moves the request to IN_PROGRESS with the customers named on it; then the audit trail
 * is redacted (while the records still say which keys are the person's), interactions,
 * records and customers are deleted batch by batch, each step idempotent. A failure
 * anywhere leaves the request IN_PROGRESS at its step: erasePerson again finishes it.
 */
export class ErasureService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;
  private readonly requests: PrivacyRequestService;

  constructor(executor: GraphExecutor, codec: ValueCodec, requests: PrivacyRequestService) {
    this.executor = executor;
    this.codec = codec;
    this.requests = requests;
  }

  /** `stopAfter` ends the run after a step, as a crash would (tests of resumption). */
  async erase(requestId: string, actor: Actor, options: { stopAfter?: ErasurePhase } = {}): Promise<ErasureReport> {
    let request = await this.requests.get(requestId);
    checkKind(request.kind, ['ERASURE'], 'erase');
    const report: Omit<ErasureReport, 'request' | 'complete'> = {
      customers: 0, records: 0, identifierCount: 0, sharedIdentifierCount: 0, interactions: 0, tombstoneKeys: 0, auditEntriesRedacted: 0, legacyAuditEntries: 0,
    };
    if (request.status !== 'IN_PROGRESS') {
      checkTransition(request.status, 'IN_PROGRESS');
      request = await this.executor.write((tx) => this.start(tx, request, actor, report));
    }
    const ids = JSON.parse(String(request.erasureCustomerIds ?? '[]')) as string[];
    report.customers = ids.length;
    let phase = (request.erasureStep ?? 'audit') as ErasurePhase;
    while (phase !== 'done') {
      if (phase === 'audit') await this.redactAudit(ids, request.erasureSince ?? '0001-01-01T00:00:00Z', requestId, report);
      if (phase === 'interactions') await this.deleteInteractions(ids, report);
      if (phase === 'records') await this.deleteRecords(ids, report);
      const next = erasurePhases[erasurePhases.indexOf(phase) + 1]!;
      request = await this.executor.write(async (tx) => {
        if (phase === 'customers') await this.deleteCustomers(tx, ids);
        const to = next === 'done' ? 'COMPLETED' : 'IN_PROGRESS';
        const note = next === 'done' ? `erased: ${JSON.stringify(report)}` : `erasure step ${phase} done`;
        const moved = await this.requests.stepInTx(tx, requestId, { to, step: `erasure ${phase}`, note, set: { erasureStep: next }, kinds: ['ERASURE'] }, actor);
        if (next === 'done') await appendAudit(tx, actor, [{ operation: 'privacy.erase', customerIds: ids, detail: { requestId, ...report } }]);
        return moved;
      });
      if (options.stopAfter === phase) break;
      phase = next;
    }
    return { request, complete: phase === 'done', ...report };
  }

  private async start(tx: Tx, request: PrivacyRequestModel, actor: Actor, report: Omit<ErasureReport, 'request' | 'complete'>): Promise<PrivacyRequestModel> {
    const scope = await scopeOf(tx, request.customerId, request.id);
    await tx.run(q.MARK_ERASING, { ids: scope.customerIds, requestId: request.id });
    const records = rowsOf<{ source: string; sourceRecordId: string; identifiers: Array<{ key: string; type: string; shared: boolean }> }>(
      await tx.run(q.TOMBSTONE_SOURCES, { ids: scope.customerIds }),
    );
    const rows = new Map<string, { key: string; kind: string; type: string | null }>();
    const shared = new Set<string>();
    for (const record of records) {
      const key = sourceRecordTombstoneKey(this.codec, record.source, record.sourceRecordId);
      rows.set(key, { key, kind: 'source-record', type: null });
      // An identifier another living person holds too (a household phone) is no evidence of this one: no tombstone.
      for (const id of record.identifiers) if (id.shared) shared.add(id.key);
      for (const id of record.identifiers) if (!id.shared) rows.set(id.key, { key: id.key, kind: 'identifier', type: id.type });
    }
    await tx.run(q.WRITE_TOMBSTONE, { rows: [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : 1)), requestId: request.id });
    report.tombstoneKeys = rows.size;
    report.sharedIdentifierCount = shared.size;
    return this.requests.stepInTx(
      tx,
      request.id,
      {
        to: 'IN_PROGRESS',
        step: 'erasure started',
        note: `${scope.customerIds.length} customers, ${records.length} records, ${rows.size} tombstone keys, ${shared.size} shared identifiers kept`,
        // Internal ids and an instant only: the request outlives the person.
        set: { erasureStep: 'audit', erasureCustomerIds: JSON.stringify(scope.customerIds), erasureSince: scope.since },
        kinds: ['ERASURE'],
      },
      actor,
    );
  }

  private async redactAudit(ids: string[], since: string, requestId: string, report: Omit<ErasureReport, 'request' | 'complete'>): Promise<void> {
    const keys = (await this.executor.read(async (tx) => rowsOf<{ key: string }>(await tx.run(q.TOMBSTONE_SOURCES, { ids })))).map((r) => r.key);
    const keySet = new Set(keys);
    let afterAt = since;
    let afterId = '';
    for (;;) {
      const page = await this.executor.readRows<{ at: string; id: string; entry: EntryToRedact | null }>(q.AUDIT_TO_REDACT, { afterAt, afterId, ids, keys, page: int(BATCH.audit) });
      const rows: Array<{ id: string } & Exclude<ReturnType<typeof redactEntry>, 'legacy' | null>> = [];
      for (const row of page) {
        if (!row.entry) continue;
        const redacted = redactEntry(row.entry, keySet);
        if (redacted === 'legacy') report.legacyAuditEntries += 1;
        else if (redacted) rows.push({ id: row.id, ...redacted });
      }
      if (rows.length > 0) await this.executor.write((tx) => tx.run(q.REDACT_AUDIT, { rows, requestId }));
      report.auditEntriesRedacted += rows.length;
      if (page.length < BATCH.audit) return;
      afterAt = page.at(-1)!.at;
      afterId = page.at(-1)!.id;
    }
  }

  private async deleteInteractions(ids: string[], report: Omit<ErasureReport, 'request' | 'complete'>): Promise<void> {
    for (const statement of [q.DELETE_RECORD_INTERACTIONS, q.DELETE_IDENTIFIER_INTERACTIONS]) {
      for (;;) {
        const deleted = await this.executor.write(async (tx) => Number(rowsOf<{ deleted: number }>(await tx.run(statement, { ids, batch: int(BATCH.interactions) }))[0]?.deleted ?? 0));
        report.interactions += deleted;
        if (deleted < BATCH.interactions) break;
      }
    }
  }

  private async deleteRecords(ids: string[], report: Omit<ErasureReport, 'request' | 'complete'>): Promise<void> {
    for (;;) {
      const done = await this.executor.write(async (tx) => {
        const batch = rowsOf<{ key: string; source: string; sourceRecordId: string; blockingKeys: string[]; identifierKeys: string[]; decisionIds: string[] }>(
          await tx.run(q.RECORD_BATCH, { ids, batch: int(BATCH.records) }),
        );
        if (batch.length === 0) return 0;
        const recordKeys = batch.map((r) => r.key).sort();
        await tx.run(q.DELETE_RECORDS, { keys: recordKeys });
        await tx.run(q.DELETE_REJECTED, { pairs: batch.map((r) => ({ source: r.source, sourceRecordId: r.sourceRecordId })) });
        const [orphans] = rowsOf<{ identifiers: number }>(
          await tx.run(q.DELETE_ORPHANS, {
            blockingKeys: [...new Set(batch.flatMap((r) => r.blockingKeys))].sort(),
            identifierKeys: [...new Set(batch.flatMap((r) => r.identifierKeys))].sort(),
            decisionIds: [...new Set(batch.flatMap((r) => r.decisionIds))].sort(),
            recordKeys,
          }),
        );
        report.identifierCount += Number(orphans?.identifiers ?? 0);
        return batch.length;
      });
      report.records += done;
      if (done < BATCH.records) return;
    }
  }

  private async deleteCustomers(tx: Tx, ids: string[]): Promise<void> {
    // Golden history is bounded per attribute change, not per customer: deleted in batches within the step.
    while (Number(rowsOf<{ deleted: number }>(await tx.run(q.DELETE_GOLDEN_HISTORY, { ids, batch: int(BATCH.history) }))[0]?.deleted ?? 0) === BATCH.history);
    await tx.run(q.DELETE_CUSTOMERS, { ids });
  }
}
