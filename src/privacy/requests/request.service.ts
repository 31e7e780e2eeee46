import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/audit.service.ts';
import type { Actor, AuditOperation } from '../../audit/audit.ts';
import { DomainError } from '../../errors/domain-error.ts';
import { int, rowsOf, type GraphExecutor, type Tx } from '../../graph/executor.ts';
import { ACTIVE_CUSTOMER, LIST_REQUESTS, LOCK_REQUEST, LOG_STEP, OPEN_REQUEST, REQUEST_BY_ID, REQUESTS_OF_CUSTOMERS, STEP_REQUEST } from './request.cypher.ts';
import {
  checkKind,
  checkTransition,
  dueDateOf,
  extendedDueDateOf,
  isOverdue,
  statusesBefore,
  type ConsentDecision,
  type RequestKind,
  type RequestStatus,
  type VerificationMethod,
} from './request.ts';

export type RequestStep = { at: string; step: string; status: RequestStatus | null; actor: string; role: string; note: string | null };

export type PrivacyRequestModel = {
  id: string;
  kind: RequestKind;
  customerId: string;
  status: RequestStatus;
  receivedAt: string;
  dueAt: string;
  overdue: boolean;
  extensionReason: string | null;
  openedBy: string;
  verification: { method: VerificationMethod; reference: string; verifiedBy: string; verifiedAt: string } | null;
  consentDecision: ConsentDecision | null;
  closedAt: string | null;
  log: RequestStep[];
  /** How far an erasure got (erasure.service.ts), so that a second run resumes; the customers it erases (JSON list of ids) and since when. */
  erasureStep: string | null;
  erasureCustomerIds: string | null;
  erasureSince: string | null;
};

/** Acts on an upheld objection or do-not-sell request, in the transaction that closes it. */
export type ConsentUpheld = (tx: Tx, request: PrivacyRequestModel, actor: Actor) => Promise<void>;

export type RequestFilter = { statuses?: RequestStatus[]; kinds?: RequestKind[]; customerId?: string; overdue?: boolean; first?: number };

/** What a step writes besides status and log: properties of the request (never personal values). */
export type StepChange = {
  /** The new status; null keeps it (a step within a status: an extension). */
  to: RequestStatus | null;
  step: string;
  note?: string | null;
  set?: Record<string, unknown>;
  kinds?: readonly RequestKind[];
};

const OPEN: RequestStatus[] = ['RECEIVED', 'VERIFIED', 'IN_PROGRESS'];

type Row = Omit<PrivacyRequestModel, 'overdue' | 'verification' | 'log'> & {
  log: string[];
  verificationMethod: VerificationMethod | null;
  verificationReference: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
};

const NOTE_MAX = 500;
const LIST_MAX = 500;

/**
 * The requests and their steps: the one writer of PrivacyRequest nodes. Every step checks
 * the status flow (request.ts) in the statement that writes it, appends to the request's
 * log and to the audit trail, in one transaction.
 */
export class PrivacyRequestService {
  private readonly executor: GraphExecutor;
  private readonly now: () => Date;
  private readonly upheld: ConsentUpheld | undefined;

  constructor(executor: GraphExecutor, options: { now?: () => Date; consentUpheld?: ConsentUpheld } = {}) {
    this.executor = executor;
    this.now = options.now ?? (() => new Date());
    this.upheld = options.consentUpheld;
  }

  async open(input: { kind: RequestKind; customerId: string; receivedAt?: string | null; note?: string | null }, actor: Actor): Promise<PrivacyRequestModel> {
    const now = this.now();
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    if (Number.isNaN(receivedAt.getTime())) throw new DomainError('BAD_USER_INPUT', 'Bad receivedAt', { clientMessage: 'receivedAt must be a date-time', field: ['receivedAt'] });
    if (receivedAt.getTime() > now.getTime()) throw new DomainError('BAD_USER_INPUT', 'receivedAt in the future', { clientMessage: 'receivedAt cannot be in the future', field: ['receivedAt'] });
    const note = checkedNote(input.note, ['note']);
    return this.executor.write(async (tx) => {
      const [customer] = rowsOf<{ id: string }>(await tx.run(ACTIVE_CUSTOMER, { id: input.customerId }));
      if (!customer) throw new DomainError('NOT_FOUND', 'Unknown customer', { clientMessage: 'No customer has this id', field: ['customerId'] });
      const id = `dsr_${randomUUID()}`;
      const step = stepJson(now, 'opened', 'RECEIVED', actor, note);
      const [row] = rowsOf<{ request: Row }>(
        await tx.run(OPEN_REQUEST, { id, kind: input.kind, customerId: customer.id, receivedAt: receivedAt.toISOString(), dueAt: dueDateOf(receivedAt).toISOString(), actor: actor.id, step }),
      );
      await appendAudit(tx, actor, [{ operation: 'privacy.request.open', customerIds: [customer.id], detail: { requestId: id, kind: input.kind } }]);
      return this.model(row!.request);
    });
  }

  async verify(id: string, method: VerificationMethod, reference: string, actor: Actor): Promise<PrivacyRequestModel> {
    const ref = checkedNote(reference, ['reference']);
    if (!ref) throw new DomainError('BAD_USER_INPUT', 'Blank verification reference', { clientMessage: 'reference must name where the evidence is kept', field: ['reference'] });
    const set = { verificationMethod: method, verificationReference: ref, verifiedBy: actor.id, verifiedAt: this.now().toISOString() };
    return this.write(id, actor, 'privacy.request.verify', { to: 'VERIFIED', step: `verified (${method})`, set }, async (tx, request) => {
      // Stored as a datetime like the other instants.
      await tx.run(`MATCH (r:PrivacyRequest {id: $id}) USING INDEX SEEK r:PrivacyRequest(id) SET r.verifiedAt = datetime(r.verifiedAt)`, { id: request.id });
    });
  }

  async extend(id: string, reason: string, actor: Actor): Promise<PrivacyRequestModel> {
    const current = await this.get(id);
    if (current.extensionReason) throw new DomainError('CONFLICT', 'Already extended', { clientMessage: 'The request was extended already', field: ['id'] });
    const dueAt = extendedDueDateOf(new Date(current.receivedAt)).toISOString();
    return this.write(id, actor, 'privacy.request.step', { to: null, step: 'extended', note: reason, set: { extensionReason: checkedNote(reason, ['reason']) } }, async (tx) => {
      await tx.run(`MATCH (r:PrivacyRequest {id: $id}) USING INDEX SEEK r:PrivacyRequest(id) SET r.dueAt = datetime($dueAt)`, { id, dueAt });
    });
  }

  reject(id: string, reason: string, actor: Actor): Promise<PrivacyRequestModel> {
    return this.write(id, actor, 'privacy.request.step', { to: 'REJECTED', step: 'rejected', note: reason });
  }

  /**
   * Objection and do-not-sell: the decision is kept on the request (consentDecision); an
   * upheld one raises the consent flag in the same transaction (services.ts wires consent).
   */
  decideConsent(id: string, decision: ConsentDecision, note: string | null, actor: Actor): Promise<PrivacyRequestModel> {
    const upheld = this.upheld;
    return this.write(
      id,
      actor,
      'privacy.request.step',
      { to: decision === 'UPHELD' ? 'COMPLETED' : 'REJECTED', step: `consent decision ${decision}`, note, set: { consentDecision: decision }, kinds: ['OBJECTION', 'DO_NOT_SELL'] },
      decision === 'UPHELD' && upheld ? (tx, request) => upheld(tx, request, actor) : undefined,
    );
  }

  /**
   * A step within the caller's transaction (exports, erasure, rectification, restriction):
   * CONFLICT when the request is not in a status the step may follow or not of `kinds`.
   */
  async stepInTx(tx: Tx, id: string, change: StepChange, actor: Actor): Promise<PrivacyRequestModel> {
    const now = this.now();
    const note = checkedNote(change.note, ['reason']);
    await tx.run(LOCK_REQUEST, { id });
    const [row] = rowsOf<{ request: Row }>(
      await tx.run(STEP_REQUEST, {
        id,
        from: change.to ? statusesBefore(change.to) : OPEN,
        to: change.to,
        kinds: change.kinds ? [...change.kinds] : null,
        set: change.set ?? {},
        step: stepJson(now, change.step, change.to, actor, note),
        now: now.toISOString(),
      }),
    );
    if (row) return this.model(row.request);
    const [current] = rowsOf<{ request: Row }>(await tx.run(REQUEST_BY_ID, { id }));
    if (!current) throw new DomainError('NOT_FOUND', 'Unknown privacy request', { clientMessage: 'No privacy request has this id', field: ['requestId'] });
    if (change.kinds) checkKind(current.request.kind, change.kinds, change.step);
    if (change.to) checkTransition(current.request.status, change.to);
    else if (!OPEN.includes(current.request.status)) throw new DomainError('CONFLICT', 'Privacy request closed', { clientMessage: 'The request is closed already' });
    throw new DomainError('CONFLICT', 'Privacy request changed meanwhile', { clientMessage: 'The request changed meanwhile; read it and try again' });
  }

  /** Appends a step that changes no status (a lifted restriction), audited by the caller. */
  async logInTx(tx: Tx, request: PrivacyRequestModel, step: string, note: string | null, actor: Actor): Promise<PrivacyRequestModel> {
    const [row] = rowsOf<{ request: Row }>(await tx.run(LOG_STEP, { id: request.id, step: stepJson(this.now(), step, null, actor, checkedNote(note, ['reason'])) }));
    return this.model(row!.request);
  }

  async get(id: string): Promise<PrivacyRequestModel> {
    const found = await this.find(id);
    if (!found) throw new DomainError('NOT_FOUND', 'Unknown privacy request', { clientMessage: 'No privacy request has this id', field: ['id'] });
    return found;
  }

  async find(id: string): Promise<PrivacyRequestModel | null> {
    const [row] = await this.executor.readRows<{ request: Row }>(REQUEST_BY_ID, { id });
    return row ? this.model(row.request) : null;
  }

  async getInTx(tx: Tx, id: string): Promise<PrivacyRequestModel> {
    const [row] = rowsOf<{ request: Row }>(await tx.run(REQUEST_BY_ID, { id }));
    if (!row) throw new DomainError('NOT_FOUND', 'Unknown privacy request', { clientMessage: 'No privacy request has this id', field: ['requestId'] });
    return this.model(row.request);
  }

  async list(filter: RequestFilter): Promise<PrivacyRequestModel[]> {
    const rows = await this.executor.readRows<{ request: Row }>(LIST_REQUESTS, {
      now: this.now().toISOString(),
      statuses: filter.statuses?.length ? filter.statuses : null,
      kinds: filter.kinds?.length ? filter.kinds : null,
      customerId: filter.customerId ?? null,
      overdue: filter.overdue === true,
      first: int(Math.min(Math.max(filter.first ?? 100, 1), LIST_MAX)),
    });
    return rows.map((r) => this.model(r.request));
  }

  /** The requests about these customer ids (for the access export). */
  async ofCustomersInTx(tx: Tx, ids: readonly string[]): Promise<PrivacyRequestModel[]> {
    return rowsOf<{ request: Row }>(await tx.run(REQUESTS_OF_CUSTOMERS, { ids: [...ids] })).map((r) => this.model(r.request));
  }

  private write(
    id: string,
    actor: Actor,
    operation: AuditOperation,
    change: StepChange,
    also?: (tx: Tx, request: PrivacyRequestModel) => Promise<void>,
  ): Promise<PrivacyRequestModel> {
    return this.executor.write(async (tx) => {
      const request = await this.stepInTx(tx, id, change, actor);
      if (also) await also(tx, request);
      await appendAudit(tx, actor, [{ operation, customerIds: [request.customerId], reason: change.note ?? null, detail: { requestId: id, step: change.step, status: change.to ?? 'unchanged' } }]);
      return also ? this.getInTx(tx, id) : request;
    });
  }

  private model(row: Row): PrivacyRequestModel {
    const { verificationMethod, verificationReference, verifiedBy, verifiedAt, log, ...rest } = row;
    return {
      ...rest,
      overdue: isOverdue(row.status, new Date(row.dueAt), this.now()),
      verification: verificationMethod && verificationReference && verifiedBy && verifiedAt ? { method: verificationMethod, reference: verificationReference, verifiedBy, verifiedAt } : null,
      log: log.map((s) => JSON.parse(s) as RequestStep),
    };
  }
}

function stepJson(at: Date, step: string, status: RequestStatus | null, actor: Actor, note: string | null): string {
  return JSON.stringify({ at: at.toISOString(), step, status, actor: actor.id, role: actor.role, note });
}

/** A note or reference: trimmed, at most 500 characters; blank is none. */
function checkedNote(value: string | null | undefined, field: string[]): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if ([...trimmed].length > NOTE_MAX) throw new DomainError('BAD_USER_INPUT', 'Note too long', { clientMessage: `at most ${NOTE_MAX} characters`, field });
  return trimmed;
}
