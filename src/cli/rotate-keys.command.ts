import type { KeyRotationResultModel } from '../jobs/rotate-keys.job.ts';
import type { JobModel } from '../jobs/job.ts';

/** `rotate-keys`: what the job rewrote and which key ids values still name (never a value). */
export function formatRotation(job: JobModel): string[] {
  const result = job.result as KeyRotationResultModel;
  const lines = [
    `${job.id}: ${result.rewritten} value(s) rewritten under ${result.currentKeyId}${result.plaintext ? ` (${result.plaintextEncrypted} from plaintext, ${result.rekeyed} lookup key(s) moved to the blind index)` : ''}; ${result.scanned} internal ids looked at.`,
    ...result.valuesByKey.map((k) => `  ${k.keyId.padEnd(32)} ${k.values} value(s)${k.keyId === result.currentKeyId ? '  (current)' : ''}`),
  ];
  if (result.unreadable > 0) lines.push(`${result.unreadable} value(s) name a key the ring does not hold or fail their check; they were left as they are.`);
  lines.push(
    result.retiredKeysInUse.length === 0
      ? 'No value names any other key: keys other than the current one can leave the ring.'
      : `Still in use: ${result.retiredKeysInUse.join(', ')}; keep them in the ring (values written meanwhile by processes with the old current key: run rotate-keys again).`,
  );
  return lines;
}
