import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_INPUTS } from '../golden/golden.cypher.ts';
import { GoldenService } from '../golden/golden.service.ts';
import { defaultSurvivorshipConfig } from '../golden/survivorship-config.ts';
import type { GraphExecutor, Tx } from '../graph/executor.ts';
import type { Person } from '../ingest/canonical.ts';
import { plainCodec } from '../privacy/codec.ts';
import { customerViewOf, VIEW_VERSION } from './customer-view.ts';
import { STALE_AFTER_LOCK, VIEW_WINDOW, WRITE_CUSTOMER_VIEWS } from './view.cypher.ts';
import { ViewService } from './view.service.ts';

const person = (p: Partial<Person>): Person => ({ names: [], emails: [], phones: [], addresses: [], identifiers: [], ...p }) as Person;
const stored = (key: string, p: Partial<Person>) => ({ key, source: 'crm', sourceRecordId: key, updatedAt: 1, attrs: JSON.stringify(person(p)), priority: 1, defaultCountry: 'GB' });
const record = (values: Record<string, unknown>) => ({ get: (k: string) => values[k], toObject: () => values });

/** A transaction that answers the statements it knows from `answers` and records every statement it ran. */
function fakeTx(answers: Map<string, Array<Record<string, unknown>>>) {
  const ran: Array<{ query: string; params: Record<string, unknown> }> = [];
  const tx = {
    run: async (query: string, params: Record<string, unknown> = {}) => {
      ran.push({ query, params });
      return { records: (answers.get(query) ?? []).map(record) };
    },
  } as unknown as Tx;
  return { tx, ran };
}

const derived = ['searchNames', 'searchSounds', 'searchPostcodes', 'searchDob', 'searchTerms', 'segmentGivenName', 'segmentFamilyName', 'segmentCountry', 'segmentPostcode', 'segmentCity'];
const SRC = join(import.meta.dirname, '..');

describe('the view version stamp', () => {
  it('is set in the one statement that writes the derived properties, and no other source file writes any of them', () => {
    for (const property of derived) expect(WRITE_CUSTOMER_VIEWS).toContain(`c.${property} = row.`);
    expect(WRITE_CUSTOMER_VIEWS).toContain('c.viewVersion = $version');
    const writers = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.startsWith('generated'))
      // An assignment in a SET clause (`SET c.x =`, `, c.x =`), not a comparison in a predicate (`(c.x = $s0)`).
      .filter((file) => derived.some((property) => new RegExp(`(SET\\s+|,\\s*)\\w+\\.${property}\\s*=`).test(readFileSync(join(SRC, file), 'utf8'))))
      .map((file) => relative(SRC, join(SRC, file)));
    expect(writers).toEqual(['view/view.cypher.ts']);
  });

  it('is written by the golden refresh, for every customer it refreshes, merged-away ones with an empty view', async () => {
    const golden = new GoldenService({} as GraphExecutor, plainCodec, defaultSurvivorshipConfig());
    const { tx, ran } = fakeTx(
      new Map([
        [
          GOLDEN_INPUTS,
          [
            { id: 'c1', status: 'active', golden: null, pins: null, records: [stored('crm|1', { names: [{ given: 'Ada', family: 'Lovelace' }], addresses: [] })] },
            { id: 'c2', status: 'merged', golden: null, pins: null, records: [] },
          ],
        ],
      ]),
    );
    await golden.refreshInTx(tx, ['c1', 'c2'], { id: 'a', role: 'admin', requestId: null });
    const writes = ran.filter((r) => r.query === WRITE_CUSTOMER_VIEWS);
    expect(writes).toHaveLength(1);
    const { version, rows } = writes[0]!.params as { version: number; rows: Array<Record<string, unknown>> };
    expect(version).toBe(VIEW_VERSION);
    expect(rows.map((r) => r['id'])).toEqual(['c1', 'c2']);
    expect(rows[0]).toMatchObject({ names: expect.stringContaining('lovelace'), segmentFamilyName: 'lovelace' });
    expect(rows[1]).toEqual({ id: 'c2', ...customerViewOf(null, [], plainCodec) });
  });

  it('is written by a REFRESH_VIEW window for the stale customers still stale under their lock, from the stored golden record', async () => {
    const goldenService = new GoldenService({} as GraphExecutor, plainCodec, defaultSurvivorshipConfig());
    const storedGolden = goldenService.compute([goldenService.sourceRecord(stored('crm|1', { names: [{ given: 'Ada', family: 'Lovelace' }] }))]);
    const { tx, ran } = fakeTx(
      new Map<string, Array<Record<string, unknown>>>([
        [VIEW_WINDOW, [{ id: 'c1', stale: true }, { id: 'c2', stale: false }, { id: 'c3', stale: true }]],
        // c3 was refreshed by an ingest while the window waited for its lock.
        [STALE_AFTER_LOCK, [{ id: 'c1' }]],
        [GOLDEN_INPUTS, [{ id: 'c1', status: 'active', golden: JSON.stringify(storedGolden), pins: null, records: [stored('crm|1', { names: [{ given: 'Ada', family: 'Lovelace' }] })] }]],
      ]),
    );
    const page = await new ViewService({} as GraphExecutor, goldenService).refreshWindow(tx, '', 500);
    expect(page).toEqual({ scanned: 3, cursor: 'c3', refreshed: 1 });
    expect(ran.find((r) => r.query === STALE_AFTER_LOCK)!.params['ids']).toEqual(['c1', 'c3']);
    const write = ran.find((r) => r.query === WRITE_CUSTOMER_VIEWS)!;
    expect(write.params).toEqual({ version: VIEW_VERSION, rows: [{ id: 'c1', ...customerViewOf(storedGolden, [{ given: 'Ada', family: 'Lovelace' }], plainCodec) }] });
    // Nothing else is written: no golden value, no lineage.
    expect(ran.map((r) => r.query)).toEqual([VIEW_WINDOW, STALE_AFTER_LOCK, GOLDEN_INPUTS, WRITE_CUSTOMER_VIEWS]);
  });
});
