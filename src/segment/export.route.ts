import { Router, type Request } from 'express';
import type { Actor } from '../audit/audit.ts';
import { hasRole, roleLabel } from '../auth/caller.ts';
import { isDomainError } from '../errors/domain-error.ts';
import { graphqlCodeOf, httpStatusOf } from '../errors/format-error.ts';
import type { Services } from '../services.ts';
import { MAX_PAGE } from './segment.service.ts';
import { exportChannels, type ExportChannel } from './suppression.ts';

const csvCell = (value: string): string => {
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/**
 * GET /segments/:id/export?channel=EMAIL&format=csv|ndjson[&thirdParty=true]: the whole export streamed page
 * by page (never the segment in memory), each page audited as the GraphQL export is, before
 * it is written. Rows: customerId, value, suppressed reason. Authentication runs before (server.ts).
 */
export function segmentExportRouter(services: Services): Router {
  const router = Router();
  router.get('/segments/:id/export', async (req: Request<{ id: string }>, res, next) => {
    const caller = req.caller!;
    if (!hasRole(caller, 'admin', 'marketer')) {
      res.status(403).json({ error: { code: 'FORBIDDEN', message: 'Not allowed for this caller' } });
      return;
    }
    const channel = String(req.query['channel'] ?? '');
    const format = String(req.query['format'] ?? 'ndjson');
    // To another controller (a partner, an ad platform): do-not-sell and third-party-sharing consent apply (docs/consent.md).
    const thirdParty = req.query['thirdParty'] === 'true';
    if (!(exportChannels as readonly string[]).includes(channel) || !['csv', 'ndjson'].includes(format)) {
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: `channel must be one of ${exportChannels.join(', ')}; format csv or ndjson` } });
      return;
    }
    const actor: Actor = { id: caller.id, role: roleLabel(caller), requestId: String(req.id) };
    try {
      const segment = /^[\w.:-]{1,128}$/.test(req.params.id) ? await services.segments.get(req.params.id) : null;
      if (!segment) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such segment' } });
        return;
      }
      let after: string | null = null;
      let started = false;
      do {
        const page = await services.segments.exportPage(segment, channel as ExportChannel, MAX_PAGE, after, thirdParty);
        await services.audit.record(actor, [
          { operation: 'read.profile', customerIds: page.contacts.map((c) => c.customerId), fields: ['SegmentContact.value'], detail: { reads: page.contacts.length, masked: 0 } },
          { operation: 'segment.export', customerIds: page.contacts.map((c) => c.customerId), detail: { segmentId: segment.id, version: segment.version, channel, thirdParty, contacts: page.contacts.length, suppressed: page.suppressed.length } },
        ]);
        if (!started) {
          res.status(200).type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
          if (format === 'csv') res.write('customerId,value,suppressedReason\n');
          started = true;
        }
        const lines = [
          ...page.contacts.map((c) => (format === 'csv' ? `${csvCell(c.customerId)},${csvCell(c.value)},\n` : `${JSON.stringify({ customerId: c.customerId, value: c.value })}\n`)),
          ...page.suppressed.map((s) => (format === 'csv' ? `${csvCell(s.customerId)},,${csvCell(s.reason)}\n` : `${JSON.stringify({ customerId: s.customerId, suppressed: s.reason })}\n`)),
        ];
        if (!res.write(lines.join(''))) await new Promise((resolve) => res.once('drain', resolve));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after !== null);
      res.end();
    } catch (error) {
      if (res.headersSent) {
        res.destroy(error instanceof Error ? error : undefined);
        return;
      }
      if (isDomainError(error) && error.code !== 'INTERNAL') {
        res.status(httpStatusOf(error.code)).json({ error: { code: graphqlCodeOf(error.code), message: error.clientMessage ?? 'Request failed' } });
        return;
      }
      next(error);
    }
  });
  return router;
}
