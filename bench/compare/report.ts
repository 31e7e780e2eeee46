import type { Evaluation } from '../../src/match/evaluate.ts';
import { evidenceKinds, type EvidenceShare } from './evidence.ts';

/** One line of a quality table: the figures `evaluate` gives, the clusters when known, the seconds. */
export type QualityRow = {
  label: string;
  figures: Pick<Evaluation, 'precision' | 'recall' | 'f1' | 'duplicateProfileRate' | 'overMergeRate'>;
  clusters: number | null;
  seconds: number;
};

const HEADER = ['run', 'precision', 'recall', 'F1', 'duplicate-profile rate', 'over-merge rate', 'clusters', 'seconds'];

/** Both systems' tables share these columns, figures to four places as the eval command prints them. */
export function formatQuality(rows: readonly QualityRow[]): string {
  const lines = rows.map((row) => [
    row.label,
    row.figures.precision.toFixed(4),
    row.figures.recall.toFixed(4),
    row.figures.f1.toFixed(4),
    row.figures.duplicateProfileRate.toFixed(4),
    row.figures.overMergeRate.toFixed(4),
    row.clusters === null ? '-' : String(row.clusters),
    row.seconds.toFixed(1),
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [HEADER, ...lines].map((l) => l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

const percent = (part: number, whole: number): string => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`);

const KIND_LABELS: Record<(typeof evidenceKinds)[number], string> = {
  email: 'a shared e-mail (any of either record\'s)',
  phone: 'a shared phone (any, E.164)',
  loyalty: 'a shared loyalty number',
  surnameDob: 'the same surname and date of birth',
  fullName: 'the same first name and surname',
};

/** The evidence lines: counts and shares only. */
export function formatEvidence(share: EvidenceShare, toldRecall: number): string {
  const lines = [`true pairs: ${share.truePairs}`];
  for (const kind of evidenceKinds) lines.push(`  with ${KIND_LABELS[kind]}: ${percent(share.byKind[kind], share.truePairs)}`);
  lines.push(`  with any exact evidence (e-mail, phone, loyalty number, or surname and date of birth): ${percent(share.any, share.truePairs)}`);
  lines.push(`  with any of those or the same first name and surname: ${percent(share.anyOrFullName, share.truePairs)}`);
  lines.push(`  admitted by Splink's deterministic prior rules: ${percent(share.priorRules, share.truePairs)} (the recall Splink is told: ${(100 * toldRecall).toFixed(0)}%)`);
  lines.push(`  admitted by Splink's blocking rules for prediction (its recall ceiling): ${percent(share.predictionRules, share.truePairs)}`);
  return lines.join('\n');
}
