import type { ChildProcess } from 'node:child_process';

/** A started process with what it printed so far and its exit code to come. */
export type Run = { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> };

/** Collects a child's output (started with stdout and stderr piped) as it arrives. */
export function captureOutput(child: ChildProcess): Run {
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += String(chunk)));
  child.stderr!.on('data', (chunk) => (err += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}
