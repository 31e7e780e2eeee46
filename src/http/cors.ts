import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * CORS for /graphql and /ingest: only the configured origins (CORS_ORIGINS, none by
 * default) get Access-Control-Allow-Origin; a preflight from any other origin is answered
 * without it, so the browser sends nothing. Credentials travel in headers, never cookies,
 * so `credentials` stays off.
 */
export function corsFor(origins: readonly string[]): RequestHandler {
  return cors({
    origin: [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'x-api-key', 'x-request-id', 'apollo-require-preflight'],
    exposedHeaders: ['retry-after', 'x-request-id'],
    maxAge: 600,
  }) as RequestHandler;
}
