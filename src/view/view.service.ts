import type { GoldenService } from '../golden/golden.service.ts';
import { int, rowsOf, type GraphExecutor, type Tx } from '../graph/executor.ts';
import { VIEW_VERSION, writeCustomerViews } from './customer-view.ts';
import { STALE_AFTER_LOCK, VIEW_COUNTS, VIEW_WINDOW } from './view.cypher.ts';

/** What one window of a refresh did: how many customers it looked at, where the next starts, how many it rewrote. */
export type ViewPage = { scanned: number; cursor: string; refreshed: number };

const sorted = (ids: readonly string[]) => [...ids].sort();

/**
 * Customers' derived read properties (search tokens, segment properties) brought up to
 * VIEW_VERSION for customers written before it: those the golden refresh has not written
 * since an upgrade. They are derived again from the golden record as stored, never a
 * recomputed one: a refresh of the view changes no golden value, no membership, no
 * lineage and sends no change event. The golden refresh itself writes the same view
 * (customerViewOf) for every customer it refreshes.
 */
export class ViewService {
  private readonly executor: GraphExecutor;
  private readonly golden: GoldenService;

  constructor(executor: GraphExecutor, golden: GoldenService) {
    this.executor = executor;
    this.golden = golden;
  }

  /** Every customer, and those whose view is of this version (or newer); stale = the difference. */
  async counts(): Promise<{ customers: number; current: number; stale: number }> {
    const [row] = await this.executor.readRows<{ customers: number; current: number }>(VIEW_COUNTS, { version: int(VIEW_VERSION) });
    const customers = row?.customers ?? 0;
    const current = row?.current ?? 0;
    return { customers, current, stale: Math.max(0, customers - current) };
  }

  /**
   * Rewrites, in `tx`, the view of each stale customer among the `size` after `after` (by
   * id): each is locked, checked again and derived from its golden record and records as
   * committed. Merged-away customers get the empty view a merge writes. `scanned` is 0
   * past the last customer.
   */
  async refreshWindow(tx: Tx, after: string, size: number): Promise<ViewPage> {
    const window = rowsOf<{ id: string; stale: boolean }>(await tx.run(VIEW_WINDOW, { after, size: int(size), version: int(VIEW_VERSION) }));
    if (window.length === 0) return { scanned: 0, cursor: after, refreshed: 0 };
    const cursor = window.at(-1)!.id;
    const candidates = sorted(window.filter((w) => w.stale).map((w) => w.id));
    if (candidates.length === 0) return { scanned: window.length, cursor, refreshed: 0 };
    const stale = rowsOf<{ id: string }>(await tx.run(STALE_AFTER_LOCK, { ids: candidates, version: int(VIEW_VERSION) })).map((r) => r.id);
    const inputs = [...(await this.golden.inputs(tx, stale)).values()];
    await writeCustomerViews(
      tx,
      inputs.map((input) => ({
        id: input.id,
        golden: input.status === 'merged' ? null : input.golden,
        recordNames: input.records.flatMap((r) => r.person.names),
      })),
      this.golden.codec,
    );
    return { scanned: window.length, cursor, refreshed: inputs.length };
  }
}
