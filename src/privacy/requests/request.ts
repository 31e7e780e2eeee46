import { DomainError } from '../../errors/domain-error.ts';

/**
 * A data subject request (GDPR Art. 15-18, 20, 21; CCPA) as a tracked object: what is
 * asked, about whom, where it stands, and when it is due. Pure: the rules of its status
 * flow and due dates, unit-tested without a database.
 */
export const requestKinds = ['ACCESS', 'PORTABILITY', 'ERASURE', 'RECTIFICATION', 'RESTRICTION', 'OBJECTION', 'DO_NOT_SELL'] as const;
export type RequestKind = (typeof requestKinds)[number];

export const requestStatuses = ['RECEIVED', 'VERIFIED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** How the requester's identity was checked. The document itself is never stored: a method and a reference. */
export const verificationMethods = ['ID_DOCUMENT_SEEN', 'ACCOUNT_LOGIN', 'EMAIL_CONFIRMATION', 'KNOWLEDGE_CHECK', 'AUTHORISED_AGENT', 'OTHER'] as const;
export type VerificationMethod = (typeof verificationMethods)[number];

/** An objection or do-not-sell request's outcome; the consent module acts on it (see request.service.ts). */
export type ConsentDecision = 'UPHELD' | 'DECLINED';

/** Where each status may go. Nothing is carried out before VERIFIED; closed requests stay closed. */
const next: Record<RequestStatus, readonly RequestStatus[]> = {
  RECEIVED: ['VERIFIED', 'REJECTED'],
  VERIFIED: ['IN_PROGRESS', 'COMPLETED', 'REJECTED'],
  IN_PROGRESS: ['IN_PROGRESS', 'COMPLETED', 'REJECTED'],
  COMPLETED: [],
  REJECTED: [],
};

export const isClosed = (status: RequestStatus): boolean => status === 'COMPLETED' || status === 'REJECTED';

/** The statuses a request may be in to move to `to`. */
export const statusesBefore = (to: RequestStatus): RequestStatus[] => requestStatuses.filter((from) => next[from].includes(to));

/**
 * Throws CONFLICT unless `from` may move to `to`.
 * @example checkTransition('RECEIVED', 'IN_PROGRESS') // throws: verify the requester first
 */
export function checkTransition(from: RequestStatus, to: RequestStatus): void {
  if (next[from].includes(to)) return;
  const clientMessage =
    from === 'RECEIVED' && to !== 'REJECTED'
      ? 'The requester is not verified yet: verify the request before carrying it out'
      : isClosed(from)
        ? `The request is ${from.toLowerCase()} already`
        : `A request that is ${from.toLowerCase()} cannot become ${to.toLowerCase()}`;
  throw new DomainError('CONFLICT', `Privacy request transition ${from} -> ${to} refused`, { clientMessage });
}

/** One month as the regulations count it for the first answer: 30 days after receipt. */
export const RESPONSE_DAYS = 30;
/** GDPR Art. 12(3): "extended by two further months where necessary". */
export const EXTENSION_MONTHS = 2;

/** The first due date: receipt plus 30 days (UTC). */
export const dueDateOf = (receivedAt: Date): Date => new Date(receivedAt.getTime() + RESPONSE_DAYS * 86_400_000);

/** The extended due date: the first due date plus two calendar months (the day clamped to the month's end). */
export function extendedDueDateOf(receivedAt: Date): Date {
  const due = dueDateOf(receivedAt);
  const target = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + EXTENSION_MONTHS, 1, due.getUTCHours(), due.getUTCMinutes(), due.getUTCSeconds(), due.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(due.getUTCDate(), lastDay));
  return target;
}

/** Past due and not closed. */
export const isOverdue = (status: RequestStatus, dueAt: Date, now: Date): boolean => !isClosed(status) && dueAt.getTime() < now.getTime();

/** The kinds an access export answers (portability is the same machine-readable document). */
export const exportKinds: readonly RequestKind[] = ['ACCESS', 'PORTABILITY'];

/** Throws CONFLICT unless the request is of one of `kinds`. */
export function checkKind(kind: RequestKind, kinds: readonly RequestKind[], action: string): void {
  if (kinds.includes(kind)) return;
  throw new DomainError('CONFLICT', `Privacy request of kind ${kind} cannot ${action}`, { clientMessage: `A ${kind} request cannot ${action}`, field: ['requestId'] });
}
