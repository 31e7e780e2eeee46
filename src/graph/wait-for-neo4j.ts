import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '../errors/domain-error.ts';
import type { GraphExecutor } from './executor.ts';

/** Waits until Neo4j answers, e.g. while a container is still starting. */
export async function waitForNeo4j(executor: GraphExecutor, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    if (await executor.ping()) return;
    if (Date.now() + delay > deadline) {
      throw new DomainError('SERVICE_UNAVAILABLE', `Neo4j did not answer within ${timeoutMs} ms`);
    }
    await sleep(delay);
  }
}
