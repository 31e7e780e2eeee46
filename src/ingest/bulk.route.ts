import { Router, type Request } from 'express';
import { graphqlCodeOf } from '../errors/format-error.ts';
import { isDomainError } from '../errors/domain-error.ts';
import type { Actor } from '../audit/audit.ts';
import type { Services } from '../services.ts';
import { ingestStream } from './bulk-ingest.ts';
import { readNdjson } from './ndjson.ts';

/** The caller, from the same x-caller-* headers as the GraphQL context (until authentication lands). */
const actorOf = (req: Request<{ source: string }>): Actor => ({
  id: String(req.headers['x-caller-id'] ?? '').trim() || 'anonymous',
  role: String(req.headers['x-caller-role'] ?? '').trim() || 'anonymous',
  requestId: String(req.id),
});

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'text/plain'];

/**
 * POST /ingest/:source with an NDJSON body: one record per line, any number of lines.
 * Answers 200 with the outcome (bad lines are reported by line number and kept);
 * 404 for an unknown source, 415 for another content type.
 */
export function bulkIngestRouter(services: Services): Router {
  const router = Router();
  router.post('/ingest/:source', async (req: Request<{ source: string }>, res, next) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!NDJSON_TYPES.includes(type)) {
      res.status(415).json({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: `Send NDJSON (${NDJSON_TYPES[0]})` } });
      return;
    }
    try {
      const source = await services.sources.resolve(req.params.source);
      const outcome = await ingestStream(services.ingest, source, readNdjson(req), { actor: actorOf(req) });
      req.log.info({ source: source.info.name, received: outcome.received, rejected: outcome.rejectedCount }, 'bulk ingest done');
      res.json(outcome);
    } catch (error) {
      if (isDomainError(error) && error.code !== 'INTERNAL') {
        const status = error.code === 'NOT_FOUND' ? 404 : error.code === 'BAD_USER_INPUT' ? 400 : 503;
        res.status(status).json({ error: { code: graphqlCodeOf(error.code), message: error.clientMessage ?? 'Request failed' } });
        return;
      }
      next(error);
    }
  });
  return router;
}
