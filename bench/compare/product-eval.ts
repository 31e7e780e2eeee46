import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

/** One row of the table `npm run cli -- eval` prints (see formatRuns in src/cli/eval.command.ts). */
export type ProductRun = {
  ingestion: string;
  model: string;
  precision: number;
  recall: number;
  f1: number;
  duplicateProfileRate: number;
  overMergeRate: number;
  recordsPerSecond: number;
};

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = resolve(ROOT, 'src/cli/main.ts');
export const LABELLED_MAPPING = resolve(ROOT, 'bench/generate/labelled-mapping.json');
/** The source name in the mapping, which the crosswalk is read back under. */
export const LABELLED_SOURCE = 'labelled-people';

/**
 * The eval command's table read back: the header line, then one line of eight columns per
 * run (columns are separated by two or more spaces; the header's own names have single
 * spaces). Anything else the command printed is skipped.
 * @example parseEvalTable('ingestion  model ...\nbulk  default-3  0.9000 ...')[0].model // 'default-3'
 */
export function parseEvalTable(stdout: string): ProductRun[] {
  const lines = stdout.split('\n');
  const header = lines.findIndex((line) => /^ingestion\s{2,}model\s{2,}precision/.test(line));
  if (header < 0) throw new Error('the eval command printed no table');
  const runs: ProductRun[] = [];
  for (const line of lines.slice(header + 1)) {
    const cells = line.trim().split(/\s{2,}/);
    if (cells.length !== 8) continue;
    const [ingestion, model, ...figures] = cells as [string, string, ...string[]];
    const numbers = figures.map(Number);
    if (numbers.some(Number.isNaN)) continue;
    const [precision, recall, f1, duplicateProfileRate, overMergeRate, recordsPerSecond] = numbers as [number, number, number, number, number, number];
    runs.push({ ingestion, model, precision, recall, f1, duplicateProfileRate, overMergeRate, recordsPerSecond });
  }
  if (runs.length === 0) throw new Error('the eval command printed a table without runs');
  return runs;
}

export type CliResult = { stdout: string; seconds: number };

/**
 * Runs the product's CLI in a child process with the given database environment. Its
 * output is kept, not shown (on failure, the last lines of stderr are); the product's
 * messages carry no personal values, and LOG_LEVEL=warn keeps the log to problems.
 */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
    child.once('error', fail);
    child.once('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) done({ stdout, seconds });
      else fail(new Error(`npm run cli -- ${args[0]} exited with ${code}:\n${stderr.split('\n').slice(-20).join('\n')}`));
    });
  });
}

/** The crosswalk of the labelled source as record id -> customer id, from `cli crosswalk --out`. */
export async function readCrosswalk(path: string): Promise<Map<string, string>> {
  const rows = parse(await readFile(path), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return new Map(rows.map((row) => [row['source_record_id']!, row['customer_id']!]));
}
