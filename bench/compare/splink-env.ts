import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Splink lives in its own virtual environment under this folder (git-ignored), installed
 * from the pinned requirements.txt on first use and again whenever that file changes; it is
 * never a dependency of the product.
 */
const HERE = import.meta.dirname;
const VENV = resolve(HERE, '.venv');
const REQUIREMENTS = resolve(HERE, 'requirements.txt');
const INSTALLED = join(VENV, 'requirements.installed.txt');
const PYTHON = join(VENV, 'bin', 'python');
const SCRIPT = resolve(HERE, 'splink_run.py');

/** What splink_run.py prints on stdout. */
export type SplinkReport = {
  splink: string;
  duckdb: string;
  records: number;
  probabilityTwoRandomRecordsMatch: number;
  maxPairs: number;
  recall: number;
  scoredPairsAboveLowestThreshold: number;
  /** Seconds per phase: load, prior, u, em, predict, `cluster <threshold>`, write. */
  phases: Record<string, number>;
};

function run(command: string, args: readonly string[], stdout: 'capture' | 'stderr'): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', stdout === 'capture' ? 'pipe' : 2, 2] });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done(out) : fail(new Error(`${command} ${args[0] ?? ''} exited with ${code}`))));
  });
}

/** Creates or updates the environment; returns the seconds it took (0 when it was current). */
export async function ensureSplinkEnv(log: (msg: string) => void): Promise<number> {
  const wanted = await readFile(REQUIREMENTS, 'utf8');
  const installed = existsSync(INSTALLED) ? await readFile(INSTALLED, 'utf8') : null;
  if (existsSync(PYTHON) && installed === wanted) return 0;
  const started = performance.now();
  const python = process.env.PYTHON ?? 'python3';
  if (!existsSync(PYTHON)) {
    log(`creating ${VENV} with ${python} -m venv`);
    await run(python, ['-m', 'venv', VENV], 'stderr');
  }
  log(`installing ${REQUIREMENTS} into it`);
  // pip's progress goes to stderr so that nothing but the report reaches stdout.
  await run(PYTHON, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', '-r', REQUIREMENTS], 'stderr');
  await writeFile(INSTALLED, wanted);
  return (performance.now() - started) / 1000;
}

export type SplinkOptions = { input: string; clustersOut: string; thresholds: readonly number[]; recall: number; maxPairs: number; seed: number };

/** Runs splink_run.py; its warnings go to stderr, its report is returned with the process's wall time. */
export async function runSplink(options: SplinkOptions): Promise<{ report: SplinkReport; seconds: number }> {
  const started = performance.now();
  const stdout = await run(PYTHON, [
    SCRIPT,
    '--input', options.input,
    '--clusters-out', options.clustersOut,
    '--thresholds', options.thresholds.join(','),
    '--recall', String(options.recall),
    '--max-pairs', String(options.maxPairs),
    '--seed', String(options.seed),
  ], 'capture');
  const seconds = (performance.now() - started) / 1000;
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return { report: JSON.parse(last) as SplinkReport, seconds };
}
