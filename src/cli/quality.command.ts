import type { Services } from '../services.ts';

/**
 * `quality [--source NAME] [--first N]`: how many values each source's records were
 * stored without, by code, then the issues themselves (record, field, code, reason). The
 * values are not printed: the CLI reads the database directly, outside the personal-read
 * audit; stewards read them through GraphQL (dataQualityIssues).
 */
export async function qualityCommand(services: Services, options: { source: string | undefined; first: string | undefined }): Promise<string[]> {
  const counts = await services.dataQuality.summary(options.source ?? null);
  const issues = await services.dataQuality.list({ source: options.source ?? null, first: options.first === undefined ? 100 : Number(options.first) });
  const total = counts.reduce((sum, c) => sum + c.issues, 0);
  return [
    ...counts.map((c) => `${c.source.padEnd(24)} ${c.code.padEnd(16)} ${String(c.issues).padStart(7)} issue(s) in ${c.records} record(s)`),
    ...issues.map((i) => `${i.source} record ${i.sourceRecordId}: ${i.code} at ${i.field.join('.')}: ${i.reason}`),
    total > issues.length ? `${total} data-quality issue(s), the first ${issues.length} listed.` : `${total} data-quality issue(s).`,
  ];
}
