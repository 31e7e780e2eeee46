import { Router, type Request } from 'express';
import { graphqlCodeOf, httpStatusOf } from '../errors/format-error.ts';
import { isDomainError } from '../errors/domain-error.ts';
import type { Actor } from '../audit/audit.ts';
import { roleLabel } from '../auth/caller.ts';
import { mayIngestInto } from '../auth/permissions.ts';
import type { Services } from '../services.ts';
import { ingestStream } from './bulk-ingest.ts';
import { readNdjson } from './ndjson.ts';

/** Only types a browser cannot send cross-site without a preflight: no `text/plain` form post can write. */
const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl'];

/**
 * POST /ingest/:source with an NDJSON body: one record per line, any number of lines.
 * Answers 200 with the outcome (bad lines are reported by line number and kept);
 * 403 for a caller who may not write into the source (the same answer whether or not it
 * exists), 404 for an unknown source, 415 for another content type. Authentication runs
 * before this router (server.ts).
 */
export function bulkIngestRouter(services: Services): Router {
  const router = Router();
  router.post('/ingest/:source', async (req: Request<{ source: string }>, res, next) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!NDJSON_TYPES.includes(type)) {
      res.status(415).json({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: `Send NDJSON (${NDJSON_TYPES[0]})` } });
      return;
    }
    const caller = req.caller!;
    if (!mayIngestInto(caller, req.params.source)) {
      res.status(403).json({ error: { code: 'FORBIDDEN', message: 'Not allowed for this caller' } });
      return;
    }
    const actor: Actor = { id: caller.id, role: roleLabel(caller), requestId: String(req.id) };
    try {
      const source = await services.sources.resolve(req.params.source);
      const outcome = await ingestStream(services.ingest, source, readNdjson(req), { actor });
      req.log.info({ source: source.info.name, received: outcome.received, rejected: outcome.rejectedCount }, 'bulk ingest done');
      res.json(outcome);
    } catch (error) {
      if (isDomainError(error) && error.code !== 'INTERNAL') {
        res.status(httpStatusOf(error.code)).json({ error: { code: graphqlCodeOf(error.code), message: error.clientMessage ?? 'Request failed' } });
        return;
      }
      next(error);
    }
  });
  return router;
}
