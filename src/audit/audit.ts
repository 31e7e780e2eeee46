/** Every operation the audit trail records. */
export const auditOperations = [
  'ingest',
  'merge',
  'split',
  'unmerge',
  'pin',
  'unpin',
  'review.approve',
  'review.reject',
  'review.assign',
  'cannot-link',
  'decision.lift',
  'undo',
  'resolve-all',
  'job.start',
  'job.finish',
  'job.cancel',
  'source.register',
  'rules.set',
  'model.set',
  'rejection.replay',
  'rejection.dismiss',
  'read.profile',
  'key.create',
  'key.revoke',
  'enrichment.register',
  'enrichment.append',
  'verify.unlock',
  'verify.fail',
  'verify.lock',
  'webhook.register',
  'webhook.delete',
  'webhook.replay',
  'segment.create',
  'segment.update',
  'segment.export',
  'suppression.add',
  'consent.record',
  'webhook.purpose',
  // Data subject requests (src/privacy/requests/): the request's steps, and what carrying it out did.
  'privacy.request.open',
  'privacy.request.verify',
  'privacy.request.step',
  'privacy.export',
  'privacy.erase',
  'privacy.rectify',
  'privacy.restrict',
  'privacy.unrestrict',
  'privacy.held-back',
  'privacy.held-back.release',
  'privacy.held-back.discard',
] as const;

export type AuditOperation = (typeof auditOperations)[number];

/** Who did it: an authenticated caller, or the system itself (imports, timers). */
export type Actor = { id: string; role: string; requestId: string | null };

export const systemActor: Actor = { id: 'system', role: 'system', requestId: null };

/** What an operation records: ids and field names only, never personal values. */
export type AuditInput = {
  operation: AuditOperation;
  customerIds?: string[];
  recordKeys?: string[];
  fields?: string[];
  /** A steward's free text, kept to REASON_MAX_LENGTH characters. */
  reason?: string | null;
  /** Ids, counts, rule names: never values. */
  detail?: Record<string, string | number | boolean | null>;
};

/**
 * One entry as stored. `seq`, `prevHash` and `hash` are null until the sealer chains it
 * (see AuditService.seal); `detail` is canonical JSON (sorted keys).
 */
export type AuditEntry = {
  id: string;
  seq: number | null;
  /** ISO 8601, as Neo4j renders the stored datetime. */
  at: string;
  actor: string;
  role: string;
  requestId: string | null;
  operation: AuditOperation;
  customerIds: string[];
  recordKeys: string[];
  fields: string[];
  reason: string | null;
  detail: string;
  prevHash: string | null;
  hash: string | null;
  /**
   * Entries of version 2 (src/audit/redactable.ts) hash salted digests of `recordKeys` and
   * `reason`, so that erasure can remove those values and the chain still verifies. Absent
   * on entries written before.
   */
  v?: number | null;
  recordKeySalts?: string[] | null;
  recordKeyDigests?: string[] | null;
  reasonSalt?: string | null;
  reasonDigest?: string | null;
};

export const REASON_MAX_LENGTH = 500;
