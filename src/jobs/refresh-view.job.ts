import type { Logger } from 'pino';
import { systemActor, type Actor } from '../audit/audit.ts';
import { isDomainError } from '../errors/domain-error.ts';
import type { GraphExecutor } from '../graph/executor.ts';
import { VIEW_VERSION } from '../view/customer-view.ts';
import type { ViewService } from '../view/view.service.ts';
import { parseJobOptions, refreshViewOptions } from './job-options.ts';
import type { JobService } from './job.service.ts';
import { countedProgress, type JobHandler, type JobModel } from './job.ts';

/** Customers a page looks at: each page is one transaction, locking at most this many. */
export const VIEW_PAGE_SIZE = 500;

/** What a REFRESH_VIEW job keeps as its result. */
export type RefreshViewResultModel = { viewVersion: number; scanned: number; refreshed: number };

/**
 * REFRESH_VIEW: brings every customer's derived read properties (search tokens, segment
 * properties) to VIEW_VERSION, from the golden record as stored. Pages over the customers
 * by id, VIEW_PAGE_SIZE a page; each page rewrites its stale customers and is saved in the
 * same transaction, so an attempt that takes over goes on after the last committed page.
 * Customers already stamped with this version are only read; a second run writes nothing
 * but its page log. Nothing to take back: it can be cancelled at any page.
 */
export function refreshViewJob(view: ViewService, executor: GraphExecutor, pageSize = VIEW_PAGE_SIZE): JobHandler {
  return {
    kind: 'REFRESH_VIEW',
    unit: 'customers',
    parseOptions: (raw) => parseJobOptions(refreshViewOptions, raw),
    progress: countedProgress,
    async run(context) {
      const pages = await context.pages();
      const last = pages.at(-1);
      let after = last?.cursor ?? '';
      let scanned = last?.processed ?? 0;
      let refreshed = pages.reduce((sum, p) => sum + (JSON.parse(p.payload) as { refreshed: number }).refreshed, 0);
      const { customers } = await view.counts();
      await context.report({ phase: 'refreshing', processed: scanned, total: customers });
      for (let index = pages.length; ; index++) {
        const page = await executor.write(async (tx) => {
          const done = await view.refreshWindow(tx, after, pageSize);
          if (done.scanned > 0) {
            await context.savePage(tx, { index, cursor: done.cursor, records: done.scanned, processed: scanned + done.scanned, payload: JSON.stringify({ refreshed: done.refreshed }) });
          }
          return done;
        });
        if (page.scanned === 0) break;
        after = page.cursor;
        scanned += page.scanned;
        refreshed += page.refreshed;
        // The checkpoint: a cancel or shutdown stops here, after a committed page.
        await context.report({ processed: scanned, total: Math.max(customers, scanned) });
      }
      return { status: 'SUCCEEDED', result: { viewVersion: VIEW_VERSION, scanned, refreshed } satisfies RefreshViewResultModel };
    },
  };
}

/**
 * At start-up: starts a REFRESH_VIEW job when any customer's view is stale (missing or
 * older than VIEW_VERSION, after an upgrade). Of several processes starting at once, the
 * kind's lock lets one job through; the others' CONFLICT means it is running, so they
 * leave it (a job whose process dies is resumed by the others' workers). Null when
 * nothing is stale or another process's job runs.
 */
export async function refreshViewIfStale(jobs: JobService, view: ViewService, log?: Logger, actor: Actor = systemActor): Promise<JobModel | null> {
  const { stale, customers } = await view.counts();
  if (stale === 0) return null;
  try {
    const job = await jobs.start('REFRESH_VIEW', {}, actor);
    log?.info({ job: job.id, stale, customers, viewVersion: VIEW_VERSION }, 'customers with a stale view: started a REFRESH_VIEW job');
    return job;
  } catch (error) {
    if (isDomainError(error) && error.code === 'CONFLICT') {
      log?.info({ stale, viewVersion: VIEW_VERSION }, 'customers with a stale view: a REFRESH_VIEW job is already running');
      return null;
    }
    throw error;
  }
}
