import type { AuditService } from '../audit/audit.service.ts';
import type { Actor, AuditInput } from '../audit/audit.ts';

/** One read of a personal field, as the masking middleware reports it. */
export type PersonalRead = { customerIds: string[]; recordKey: string | null; field: string; masked: boolean };

/**
 * The personal reads of one request, folded as they happen (sets of ids and field names,
 * never values) and written as one audit entry before the response leaves the process
 * (personal-read.plugin.ts). One write per request, not one per level of the query.
 */
export class PersonalReadLog {
  private readonly customerIds = new Set<string>();
  private readonly recordKeys = new Set<string>();
  private readonly fields = new Set<string>();
  private reads = 0;
  private masked = 0;

  add(read: PersonalRead): void {
    for (const id of read.customerIds) this.customerIds.add(id);
    if (read.recordKey) this.recordKeys.add(read.recordKey);
    this.fields.add(read.field);
    this.reads += 1;
    if (read.masked) this.masked += 1;
  }

  /** The audit entry for what was read so far; null when nothing personal was read. */
  entry(): AuditInput | null {
    if (this.reads === 0) return null;
    return {
      operation: 'read.profile',
      customerIds: [...this.customerIds].sort(),
      recordKeys: [...this.recordKeys].sort(),
      fields: [...this.fields].sort(),
      detail: { reads: this.reads, masked: this.masked },
    };
  }

  /** Writes the entry (once) and starts again. */
  async flush(audit: AuditService, actor: Actor): Promise<void> {
    const entry = this.entry();
    if (!entry) return;
    await audit.recordGrouped(actor, [entry]);
    this.customerIds.clear();
    this.recordKeys.clear();
    this.fields.clear();
    this.reads = 0;
    this.masked = 0;
  }
}
