import { appendAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../audit/audit.ts';
import { DomainError } from '../../errors/domain-error.ts';
import { rowsOf, type GraphExecutor } from '../../graph/executor.ts';
import type { GoldenService } from '../../golden/golden.service.ts';
import type { GoldenAttribute } from '../../golden/survivorship.ts';
import { ACTIVE_CUSTOMER } from './request.cypher.ts';
import type { PrivacyRequestModel, PrivacyRequestService } from './request.service.ts';
import { checkKind, checkTransition } from './request.ts';
import { CUSTOMERS_RESTRICTED_BY, LIFT_RECORDS, RESTRICT_RECORDS } from './restriction.cypher.ts';
import { deriveRestrictionInTx } from './restriction.ts';

/**
 * Rectification (Art. 16) and restriction (Art. 18), carried out as steps of their request.
 * A restricted customer is out of segments (count, members, export), webhooks and automatic
 * matching of new records (src/segment/segment.cypher.ts, src/events/outbox.cypher.ts,
 * src/match/resolution.service.ts read the flag), and still readable by staff.
 */
export class RequestActionsService {
  private readonly executor: GraphExecutor;
  private readonly requests: PrivacyRequestService;
  private readonly golden: GoldenService;

  constructor(executor: GraphExecutor, requests: PrivacyRequestService, golden: GoldenService) {
    this.executor = executor;
    this.requests = requests;
    this.golden = golden;
  }

  /** The corrected value as a steward pin whose reason names the request (pin-value.ts checks and normalizes it). */
  async rectify(requestId: string, attribute: GoldenAttribute, value: string, actor: Actor): Promise<PrivacyRequestModel> {
    const request = await this.requests.get(requestId);
    checkKind(request.kind, ['RECTIFICATION'], 'rectify');
    checkTransition(request.status, 'IN_PROGRESS');
    const customerId = await this.activeOf(request.customerId);
    // Pinned in its own transaction (GoldenService owns pins and writes their audit entry); the request step follows.
    await this.golden.pin(customerId, attribute, value, actor, `privacy request ${requestId} (rectification)`);
    return this.executor.write(async (tx) => {
      const done = await this.requests.stepInTx(tx, requestId, { to: 'COMPLETED', step: `rectified ${attribute}`, kinds: ['RECTIFICATION'] }, actor);
      await appendAudit(tx, actor, [{ operation: 'privacy.rectify', customerIds: [customerId], fields: [attribute], detail: { requestId } }]);
      return done;
    });
  }

  async restrict(requestId: string, actor: Actor): Promise<PrivacyRequestModel> {
    return this.executor.write(async (tx) => {
      const request = await this.requests.getInTx(tx, requestId);
      checkKind(request.kind, ['RESTRICTION'], 'restrict');
      const [active] = rowsOf<{ id: string }>(await tx.run(ACTIVE_CUSTOMER, { id: request.customerId }));
      if (!active) throw new DomainError('NOT_FOUND', 'The customer of the request is gone', { clientMessage: 'The customer this request names no longer exists', field: ['requestId'] });
      const done = await this.requests.stepInTx(tx, requestId, { to: 'COMPLETED', step: 'restricted', kinds: ['RESTRICTION'], set: { restrictedCustomerId: active.id } }, actor);
      await tx.run(RESTRICT_RECORDS, { id: active.id, requestId });
      await deriveRestrictionInTx(tx, [active.id]);
      await appendAudit(tx, actor, [{ operation: 'privacy.restrict', customerIds: [active.id], detail: { requestId } }]);
      return done;
    });
  }

  async lift(requestId: string, reason: string, actor: Actor): Promise<PrivacyRequestModel> {
    return this.executor.write(async (tx) => {
      const request = await this.requests.getInTx(tx, requestId);
      checkKind(request.kind, ['RESTRICTION'], 'lift a restriction');
      // The customers its records are in now: a merge or a split since took the restriction with them.
      const liftedIds = rowsOf<{ id: string }>(await tx.run(CUSTOMERS_RESTRICTED_BY, { requestId })).map((r) => r.id);
      await tx.run(LIFT_RECORDS, { requestId });
      await deriveRestrictionInTx(tx, liftedIds);
      if (liftedIds.length === 0) throw new DomainError('CONFLICT', 'No restriction of this request in force', { clientMessage: 'This request restricts nothing now', field: ['requestId'] });
      const logged = await this.requests.logInTx(tx, request, 'restriction lifted', reason, actor);
      await appendAudit(tx, actor, [{ operation: 'privacy.unrestrict', customerIds: liftedIds.sort(), reason, detail: { requestId } }]);
      return logged;
    });
  }

  private async activeOf(customerId: string): Promise<string> {
    const [active] = await this.executor.readRows<{ id: string }>(ACTIVE_CUSTOMER, { id: customerId });
    if (!active) throw new DomainError('NOT_FOUND', 'The customer of the request is gone', { clientMessage: 'The customer this request names no longer exists', field: ['requestId'] });
    return active.id;
  }
}
