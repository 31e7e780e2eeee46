import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors/domain-error.ts';
import { int, rowsOf, type GraphExecutor, type Tx } from '../graph/executor.ts';
import {
  auditOperations,
  REASON_MAX_LENGTH,
  type Actor,
  type AuditEntry,
  type AuditInput,
  type AuditOperation,
} from './audit.ts';
import {
  ACCESS_LOG,
  APPEND_ACTOR_ENTRIES,
  APPEND_ENTRIES,
  CHAIN_PAGE,
  HAS_UNSEALED,
  LIST_ENTRIES,
  LOCK_HEAD,
  MOVE_HEAD,
  READ_HEAD,
  SEAL_ENTRIES,
  UNSEALED_ENTRIES,
} from './audit.cypher.ts';
import { GroupCommit } from './group-commit.ts';
import { redactableFields } from './redactable.ts';
import { outsideRequest } from '../graph/request-scope.ts';
import { canonicalJson, checkEntry, GENESIS, sealEntries, type ChainBreak, type ChainPosition } from './hash-chain.ts';

/** At most this many entries are sealed in one transaction. */
export const SEAL_BATCH = 5_000;
/** Entries read per page when verifying the chain. */
const VERIFY_PAGE = 5_000;
const LIST_MAX = 1_000;
/** An access log longer than this is refused: narrow the window rather than lose rows. */
export const ACCESS_LOG_MAX = 10_000;
const EARLIEST = '0001-01-01T00:00:00Z';
const LATEST = '9999-12-31T23:59:59.999Z';

export type AuditFilter = {
  customerId?: string;
  recordKey?: string;
  operations?: AuditOperation[];
  actor?: string;
  from?: string;
  to?: string;
  first?: number;
};

export type VerifyOutcome =
  | { ok: true; entries: number; head: string | null }
  | { ok: false; entries: number; brokenAt: ChainBreak };

type Head = { seq: number; hash: string | null; lastId: string | null };

/**
 * Appends entries inside the caller's transaction: audited iff the operation commits.
 * Entries are created unsealed (seq and hash null) so concurrent writers never contend
 * on the chain.
 */
export async function appendAudit(tx: Tx, actor: Actor, entries: readonly AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.run(APPEND_ENTRIES, {
    actor: actor.id,
    role: actor.role,
    requestId: actor.requestId,
    rows: entries.map(toRow),
  });
}

function toRow(input: AuditInput) {
  if (!(auditOperations as readonly string[]).includes(input.operation)) {
    throw new DomainError('INTERNAL', `Unknown audit operation ${String(input.operation)}`);
  }
  const recordKeys = [...(input.recordKeys ?? [])];
  const reason = input.reason == null ? null : [...input.reason].slice(0, REASON_MAX_LENGTH).join('');
  return {
    id: randomUUID(),
    operation: input.operation,
    customerIds: [...(input.customerIds ?? [])],
    recordKeys,
    fields: [...(input.fields ?? [])],
    reason,
    detail: canonicalJson(input.detail ?? {}),
    // Salted digests of what may name a person: erasure removes the values, the chain keeps the digests.
    ...redactableFields(recordKeys, reason),
  };
}

/**
 * The audit trail: append-only (no method updates or deletes an entry), chained by a
 * sealer into a hash chain that `verify` recomputes.
 */
export class AuditService {
  private readonly executor: GraphExecutor;
  // Written outside the request that happened to start the write: it carries other requests' entries too.
  private readonly group: GroupCommit<ReturnType<typeof toRow> & { actor: string; role: string; requestId: string | null }>;

  constructor(executor: GraphExecutor) {
    this.executor = executor;
    this.group = new GroupCommit((rows) => outsideRequest(() => this.executor.write(async (tx) => void (await tx.run(APPEND_ACTOR_ENTRIES, { rows })))));
  }

  /** Appends in its own transaction. */
  async record(actor: Actor, entries: readonly AuditInput[]): Promise<void> {
    if (entries.length === 0) return;
    await this.executor.write((tx) => appendAudit(tx, actor, entries));
  }

  /**
   * Appends with the entries of other callers waiting at the same moment, in one
   * transaction (group commit: one write at a time, each taking what queued during the
   * last). Resolves once the transaction holding these entries committed. The reads of
   * profiles: one entry per request, many requests at once.
   */
  async recordGrouped(actor: Actor, entries: readonly AuditInput[]): Promise<void> {
    if (entries.length === 0) return;
    await this.group.add(entries.map((entry) => ({ ...toRow(entry), actor: actor.id, role: actor.role, requestId: actor.requestId })));
  }

  /**
   * Chains every unsealed entry, in (at, id) order, SEAL_BATCH per transaction. One
   * sealer at a time: each transaction first takes the write lock on the AuditHead node
   * and only then reads the head and the unsealed entries. Returns how many it sealed.
   */
  async seal(): Promise<number> {
    const [pending] = await this.executor.readRows<{ pending: boolean }>(HAS_UNSEALED);
    if (!pending?.pending) return 0;
    let sealed = 0;
    for (;;) {
      const batch = await this.executor.write((tx) => sealBatch(tx));
      sealed += batch;
      if (batch < SEAL_BATCH) return sealed;
    }
  }

  /**
   * Seals, then recomputes the whole chain in seq order, a page at a time; reports the
   * first entry whose seq, link or hash is wrong. The head node must sit on the chain:
   * deleting the newest entries shows as a gap at the head. `anchors` are chain positions
   * recorded outside the database (the sealer logs one after each seal): a chain rewritten
   * consistently from its start, head included, still differs from them.
   */
  async verify(anchors: readonly ChainPosition[] = []): Promise<VerifyOutcome> {
    const expected = anchorsBySeq(anchors);
    await this.seal();
    const head = await this.head();
    let position: ChainPosition = GENESIS;
    let lastId: string | null = null;
    let entries = 0;
    for (;;) {
      const page = await this.executor.readRows<{ entry: AuditEntry }>(CHAIN_PAGE, { after: int(position.seq), first: int(VERIFY_PAGE) });
      for (const { entry } of page) {
        const broken = checkEntry(position, entry);
        if (broken) return { ok: false, entries, brokenAt: broken };
        if (expected.has(entry.seq!) && expected.get(entry.seq!) !== entry.hash) {
          return { ok: false, entries, brokenAt: { seq: entry.seq!, id: entry.id, reason: 'anchor-mismatch' } };
        }
        if (head && entry.seq === head.seq && entry.hash !== head.hash) {
          return { ok: false, entries, brokenAt: { seq: head.seq, id: entry.id, reason: 'hash-mismatch' } };
        }
        position = { seq: entry.seq!, hash: entry.hash };
        lastId = entry.id;
        entries += 1;
      }
      if (page.length < VERIFY_PAGE) break;
    }
    const beyond = Math.max(0, ...expected.keys());
    if (beyond > position.seq) {
      // An anchor past the end: entries it vouched for are gone.
      return { ok: false, entries, brokenAt: { seq: position.seq + 1, id: '(missing)', reason: 'gap' } };
    }
    if (head && position.seq < head.seq) {
      return { ok: false, entries, brokenAt: { seq: head.seq, id: head.lastId ?? '(unknown)', reason: 'gap' } };
    }
    // A head behind the chain's end was replaced or rewound (sealers only ever move it forward).
    const end = await this.head();
    if (lastId && (!end || end.seq < position.seq)) {
      return { ok: false, entries, brokenAt: { seq: position.seq, id: lastId, reason: 'broken-link' } };
    }
    return { ok: true, entries, head: position.hash };
  }

  /** Newest first, filtered; at most `first` (default 100, cap 1000). */
  async entries(filter: AuditFilter): Promise<AuditEntry[]> {
    const rows = await this.executor.readRows<{ entry: AuditEntry }>(LIST_ENTRIES, {
      from: instant(filter.from ?? EARLIEST, 'from'),
      to: instant(filter.to ?? LATEST, 'to'),
      customerId: filter.customerId ?? null,
      recordKey: filter.recordKey ?? null,
      operations: filter.operations ? [...filter.operations] : null,
      actor: filter.actor ?? null,
      first: int(Math.min(Math.max(filter.first ?? 100, 1), LIST_MAX)),
    });
    return rows.map((row) => row.entry);
  }

  /**
   * Who read a customer's full profile in [from, to]: the read.profile entries naming any
   * of `customerIds` (a customer's id and the ids merged into it), newest first.
   */
  async accessLog(customerIds: readonly string[], from: string, to: string): Promise<AuditEntry[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.executor.readRows<{ entry: AuditEntry }>(ACCESS_LOG, {
      customerIds: [...customerIds],
      from: instant(from, 'from'),
      to: instant(to, 'to'),
      first: int(ACCESS_LOG_MAX + 1),
    });
    if (rows.length > ACCESS_LOG_MAX) {
      throw new DomainError('BAD_USER_INPUT', `Access log over ${ACCESS_LOG_MAX} entries`, {
        clientMessage: `More than ${ACCESS_LOG_MAX} reads in that window: narrow from and to.`,
      });
    }
    return rows.map((row) => row.entry);
  }

  /**
   * Seals every `ms` on an unref'd timer (a tick is skipped while the previous one runs).
   * The returned stop function clears the timer, waits for a running seal and seals once
   * more. A failed tick goes to `onError`; the next tick tries again.
   */
  startSealer(ms = 5_000, onError: (error: unknown) => void = () => {}, onSealed: (head: ChainPosition) => void = () => {}): () => Promise<void> {
    let running: Promise<void> | null = null;
    const sealAndReport = async () => {
      if ((await this.seal()) === 0) return;
      const head = await this.head();
      if (head) onSealed({ seq: head.seq, hash: head.hash });
    };
    const timer = setInterval(() => {
      if (running) return;
      running = sealAndReport()
        .then(() => undefined, onError)
        .finally(() => {
          running = null;
        });
    }, ms);
    timer.unref();
    return async () => {
      clearInterval(timer);
      if (running) await running;
      await sealAndReport();
    };
  }

  private async head(): Promise<Head | null> {
    const [head] = await this.executor.readRows<Head>(READ_HEAD);
    return head ?? null;
  }
}

async function sealBatch(tx: Tx): Promise<number> {
  await tx.run(LOCK_HEAD);
  const [head] = rowsOf<Head>(await tx.run<Head>(READ_HEAD));
  const unsealed = rowsOf<{ entry: AuditEntry }>(await tx.run<{ entry: AuditEntry }>(UNSEALED_ENTRIES, { first: int(SEAL_BATCH) }));
  if (unsealed.length === 0) return 0;
  const sealed = sealEntries({ seq: head?.seq ?? 0, hash: head?.hash ?? null }, unsealed.map((row) => row.entry));
  await tx.run(SEAL_ENTRIES, { rows: sealed.map((e) => ({ id: e.id, seq: e.seq, prevHash: e.prevHash, hash: e.hash })) });
  const last = sealed.at(-1)!;
  await tx.run(MOVE_HEAD, { seq: last.seq, hash: last.hash, lastId: last.id });
  return sealed.length;
}

const HASH = /^[0-9a-f]{64}$/;

/** Anchors by seq; BAD_USER_INPUT naming the anchor when one is malformed or two disagree. */
function anchorsBySeq(anchors: readonly ChainPosition[]): Map<number, string> {
  const bySeq = new Map<number, string>();
  anchors.forEach((anchor, index) => {
    if (!Number.isInteger(anchor.seq) || anchor.seq < 1) {
      throw new DomainError('BAD_USER_INPUT', 'Bad anchor seq', { clientMessage: 'An anchor seq is a whole number from 1', field: ['anchors', index, 'seq'] });
    }
    if (anchor.hash === null || !HASH.test(anchor.hash)) {
      throw new DomainError('BAD_USER_INPUT', 'Bad anchor hash', { clientMessage: 'An anchor hash is 64 lower-case hex digits', field: ['anchors', index, 'hash'] });
    }
    if (bySeq.has(anchor.seq) && bySeq.get(anchor.seq) !== anchor.hash) {
      throw new DomainError('BAD_USER_INPUT', 'Anchors disagree', { clientMessage: 'Two anchors give different hashes for one seq', field: ['anchors', index, 'hash'] });
    }
    bySeq.set(anchor.seq, anchor.hash);
  });
  return bySeq;
}

/** An ISO 8601 instant for Cypher's datetime(), or BAD_USER_INPUT naming the field. */
function instant(value: string, field: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new DomainError('BAD_USER_INPUT', `Bad audit ${field} instant`, { clientMessage: `${field} must be an ISO 8601 date-time`, field: [field] });
  }
  return new Date(ms).toISOString();
}
