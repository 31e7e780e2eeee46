import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { testDriver } from './support/test-app.ts';

const SRC = join(import.meta.dirname, '..', 'src');
const cypherFiles = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.cypher.ts'))
  .map((file) => join(SRC, file));

// Every statement the product runs is planned by the real Neo4j (EXPLAIN runs nothing),
// so a syntax or semantic error fails here by name, not in a rarely used code path.
describe('every Cypher statement', () => {
  let driver: Driver;
  beforeAll(() => {
    driver = testDriver();
  });
  afterAll(async () => driver.close());

  it('finds the statement files', () => {
    expect(cypherFiles.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of cypherFiles) {
    it(`compiles: ${relative(SRC, file)}`, async () => {
      const statements = Object.entries((await import(file)) as Record<string, unknown>).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      );
      expect(statements.length).toBeGreaterThan(0);
      for (const [name, statement] of statements) {
        const session = driver.session({ database: 'neo4j' });
        try {
          await session.run(`EXPLAIN ${statement}`);
        } catch (error) {
          throw new Error(`${name} does not compile: ${(error as Error).message}`);
        } finally {
          await session.close();
        }
      }
    });
  }
});
