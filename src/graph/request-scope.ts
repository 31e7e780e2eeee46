import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import { Semaphore } from './semaphore.ts';

/** The Neo4j sessions of the HTTP request being served; absent outside one (CLI, start-up, the audit sealer). */
const requestSessions = new AsyncLocalStorage<Semaphore>();
/** Set while a call holds a session: a call nested inside its work must not wait for a second place. */
const holdingSession = new AsyncLocalStorage<true>();

/**
 * Express middleware: the rest of the request, and every Neo4j call it makes, shares at
 * most `limit` concurrent sessions (NEO4J_SESSIONS_PER_REQUEST). Further calls wait for
 * a place, so one request (a query with many aliases, say) cannot drain the driver's
 * connection pool while other clients wait for a connection.
 */
export function withRequestSessionLimit(limit: number): RequestHandler {
  return (_req, _res, next) => {
    requestSessions.run(new Semaphore(limit), next);
  };
}

/** True while serving an HTTP request that went through withRequestSessionLimit. */
export const inRequest = (): boolean => requestSessions.getStore() !== undefined;

/**
 * Waits for a place among the current request's sessions and returns its release; at once
 * (and a release that does nothing) outside a request, or inside work that already holds
 * a session, which would otherwise wait on itself.
 */
export async function takeSessionPlace(): Promise<() => void> {
  const sessions = requestSessions.getStore();
  if (!sessions || holdingSession.getStore()) return () => undefined;
  return sessions.acquire();
}

/** Runs `use` as the holder of a session (see takeSessionPlace). */
export const holdingASession = <T>(use: () => Promise<T>): Promise<T> => holdingSession.run(true, use);

/**
 * Runs `work` as if no request were being served: background work a request started (a
 * job) must neither wait for the request's sessions nor be held to its read timeout, and
 * it outlives the request.
 */
export const outsideRequest = <T>(work: () => Promise<T>): Promise<T> => requestSessions.exit(() => holdingSession.exit(work));
