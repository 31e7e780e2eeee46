import { AuditService } from '../audit/audit.service.ts';
import type { GraphExecutor } from '../graph/executor.ts';

export type VerifyAuditResult = { code: 0 | 1; message: string };

/**
 * `verify-audit [--anchor SEQ:HASH ...]`: seals pending entries, recomputes the chain
 * (checking it against the anchors, heads recorded outside the database) and says where it breaks.
 */
export async function verifyAudit(executor: GraphExecutor, anchors: readonly string[] = []): Promise<VerifyAuditResult> {
  const positions = anchors.map((text) => {
    const [seq, hash] = text.split(':');
    return { seq: Number(seq), hash: hash ?? null };
  });
  const outcome = await new AuditService(executor).verify(positions);
  if (outcome.ok) {
    return { code: 0, message: `audit chain ok: ${outcome.entries} entries, head ${outcome.head?.slice(0, 12) ?? '(empty)'}` };
  }
  const { seq, id, reason } = outcome.brokenAt;
  return { code: 1, message: `audit chain BROKEN at seq ${seq} (${id}, ${reason})` };
}
