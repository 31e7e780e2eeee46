/**
 * node bench/generate/cli.ts --people N --seed S --out DIR [--sources crm,web] [--mild] [--typo R] ...
 * node bench/generate/cli.ts --people N --seed S --labelled-csv FILE [--mild] [--typo R] ...
 * node bench/generate/cli.ts --people N --seed S --measure [--mild] [--typo R] ...
 *
 * With --out: writes DIR/<source>.ndjson (payloads, one per line, as each source sends
 * them) and DIR/truth.ndjson ({source, sourceRecordId?, line, personId} per payload line).
 * With --labelled-csv: writes instead one CSV of the records that name a person, in one
 * flat shape with the true person of each (see labelled.ts; labelled-mapping.json loads it).
 * With --measure: prints how hard the data is (see measure.ts) as JSON on stdout.
 * Corruption starts from the hard defaults, or the mild rates with --mild; each rate flag
 * overrides one. Prints counts and the rate to stderr; no personal data.
 */
import { parseArgs } from 'node:util';
import { corruptionKeys, mildCorruption } from './corruption.ts';
import { sourceKinds, type CorruptionRates, type DatasetOptions, type SourceKind } from './dataset.ts';
import { writeLabelledCsv } from './labelled.ts';
import { measureDataset } from './measure.ts';
import { writeDataset } from './ndjson-writer.ts';

/** --missing-email for missingEmail, and so on for every rate. */
const flagOf = (key: string): string => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const rateFlags = new Map<string, keyof CorruptionRates>(corruptionKeys.map((key) => [flagOf(key), key]));

const USAGE =
  'usage: node bench/generate/cli.ts --people N --seed S (--out DIR | --labelled-csv FILE | --measure)\n' +
  '       [--first-person I] [--sources a,b] [--mild]\n' +
  `       [${[...rateFlags.keys()].map((flag) => `--${flag} R`).join('] [')}]`;

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

type Values = {
  people?: string;
  seed?: string;
  out?: string;
  'labelled-csv'?: string;
  measure?: boolean;
  mild?: boolean;
  'first-person'?: string;
  sources?: string;
} & Record<string, string | boolean | undefined>;

function parse(): Values {
  try {
    return parseArgs({
      options: {
        people: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        'labelled-csv': { type: 'string' },
        measure: { type: 'boolean' },
        mild: { type: 'boolean' },
        'first-person': { type: 'string' },
        sources: { type: 'string' },
        ...Object.fromEntries([...rateFlags.keys()].map((flag) => [flag, { type: 'string' as const }])),
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
}

const values = parse();
const outputs = [values.out, values['labelled-csv'], values.measure].filter((output) => output !== undefined);
if (outputs.length !== 1) fail('give exactly one of --out, --labelled-csv and --measure');
const corruption: Partial<CorruptionRates> = values.mild ? { ...mildCorruption } : {};
for (const [flag, key] of rateFlags) {
  const raw = values[flag];
  if (typeof raw !== 'string') continue;
  const rate = Number(raw);
  if (!(rate >= 0 && rate <= 1)) fail(`--${flag} must be a rate between 0 and 1, not "${raw}"`);
  corruption[key] = rate;
}
const sources = values.sources?.split(',').map((s) => s.trim()) as SourceKind[] | undefined;
for (const source of sources ?? []) {
  if (!sourceKinds.includes(source)) fail(`unknown source "${source}"; known: ${sourceKinds.join(', ')}`);
}

const options: DatasetOptions = {
  people: count('people', values.people),
  seed: count('seed', values.seed),
  firstPerson: count('first-person', values['first-person'], 0),
  ...(sources ? { sources } : {}),
  corruption,
};
const started = performance.now();
const seconds = () => (performance.now() - started) / 1000;

if (values.measure) {
  const rates = measureDataset(options);
  console.log(JSON.stringify(rates, null, 2));
  console.error(`${rates.people} people, ${rates.records} records measured in ${seconds().toFixed(2)} s`);
} else if (values['labelled-csv'] !== undefined) {
  const summary = writeLabelledCsv(values['labelled-csv'], options);
  const s = seconds();
  console.error(`${summary.rows} rows of ${summary.people} people in ${s.toFixed(2)} s (${Math.round(summary.rows / s)} rows/s) -> ${summary.path}`);
} else {
  const out = values.out!;
  const summary = writeDataset(out, options);
  const s = seconds();
  for (const [source, lines] of Object.entries(summary.bySource)) console.error(`${source.padEnd(12)} ${lines}`);
  console.error(`${summary.payloads} payloads in ${s.toFixed(2)} s (${Math.round(summary.payloads / s)} payloads/s) -> ${out}`);
}
