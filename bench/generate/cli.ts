/**
 * node bench/generate/cli.ts --people N --seed S --out DIR [--sources crm,web] [--typo R] ...
 *
 * Writes DIR/<source>.ndjson (payloads, one per line, as each source sends them) and
 * DIR/truth.ndjson ({source, sourceRecordId?, line, personId} per payload line). Prints
 * counts and the rate to stderr; no personal data.
 */
import { parseArgs } from 'node:util';
import { sourceKinds, type CorruptionRates, type SourceKind } from './dataset.ts';
import { writeDataset } from './ndjson-writer.ts';

const USAGE =
  'usage: node bench/generate/cli.ts --people N --seed S --out DIR [--first-person I] [--sources a,b]\n' +
  '       [--typo R] [--nickname R] [--missing-email R] [--shared-household R] [--moved R]';

const rateOptions = {
  typo: 'typo',
  nickname: 'nickname',
  'missing-email': 'missingEmail',
  'shared-household': 'sharedHousehold',
  moved: 'moved',
} as const satisfies Record<string, keyof CorruptionRates>;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(64);
}

function count(name: string, raw: string | undefined, fallback?: number): number {
  if (raw === undefined) {
    if (fallback === undefined) fail(`--${name} is required`);
    return fallback;
  }
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) fail(`--${name} must be a whole number, not "${raw}"`);
  return n;
}

const { values } = parseArgs({
  options: {
    people: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    'first-person': { type: 'string' },
    sources: { type: 'string' },
    ...Object.fromEntries(Object.keys(rateOptions).map((name) => [name, { type: 'string' as const }])),
  },
  strict: true,
});

const out = values.out ?? fail('--out is required');
const corruption: Partial<CorruptionRates> = {};
for (const [flag, key] of Object.entries(rateOptions)) {
  const raw = (values as Record<string, string | undefined>)[flag];
  if (raw === undefined) continue;
  const rate = Number(raw);
  if (!(rate >= 0 && rate <= 1)) fail(`--${flag} must be a rate between 0 and 1, not "${raw}"`);
  corruption[key] = rate;
}
const sources = values.sources?.split(',').map((s) => s.trim()) as SourceKind[] | undefined;
for (const source of sources ?? []) {
  if (!sourceKinds.includes(source)) fail(`unknown source "${source}"; known: ${sourceKinds.join(', ')}`);
}

const started = performance.now();
const summary = writeDataset(out, {
  people: count('people', values.people),
  seed: count('seed', values.seed),
  firstPerson: count('first-person', values['first-person'], 0),
  ...(sources ? { sources } : {}),
  corruption,
});
const seconds = (performance.now() - started) / 1000;
for (const [source, lines] of Object.entries(summary.bySource)) console.error(`${source.padEnd(12)} ${lines}`);
console.error(
  `${summary.payloads} payloads in ${seconds.toFixed(2)} s (${Math.round(summary.payloads / seconds)} payloads/s) -> ${out}`,
);
