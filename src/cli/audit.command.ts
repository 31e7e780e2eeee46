import { AuditService } from '../audit/audit.service.ts';
import type { GraphExecutor } from '../graph/executor.ts';

export type VerifyAuditResult = { code: 0 | 1; message: string };

/** `verify-audit`: seals pending entries, recomputes the chain and says where it breaks. */
export async function verifyAudit(executor: GraphExecutor): Promise<VerifyAuditResult> {
  const outcome = await new AuditService(executor).verify();
  if (outcome.ok) {
    return { code: 0, message: `audit chain ok: ${outcome.entries} entries, head ${outcome.head?.slice(0, 12) ?? '(empty)'}` };
  }
  const { seq, id, reason } = outcome.brokenAt;
  return { code: 1, message: `audit chain BROKEN at seq ${seq} (${id}, ${reason})` };
}
