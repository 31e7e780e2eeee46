/**
 * A whole-number command-line option of a benchmark: exits 64 (usage) naming the flag when
 * it is not a positive whole number.
 */
export function positiveOption(values: Readonly<Record<string, unknown>>, name: string): number {
  const n = Number(values[name]);
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`--${name} must be a positive whole number`);
    process.exit(64);
  }
  return n;
}
