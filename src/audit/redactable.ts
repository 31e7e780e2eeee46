import { createHash, randomBytes } from 'node:crypto';

/**
 * The parts of an audit entry that may name a person (the record keys touched, which carry
 * a source's record id, and a steward's free-text reason) are hashed into the chain as
 * salted digests, not as themselves (entries of version 2). Erasure can then remove such a
 * value together with its salt: the digest the chain covers stays, so the chain still
 * verifies, and without the salt nobody can test a guess against it. While a value is
 * present, `valuesMatchDigests` checks it against its digest, so editing it is still
 * detected.
 */
export const REDACTABLE_VERSION = 2;

/** What an erased record key or reason reads as; its salt is '' (the marker verification goes by). */
export const ERASED = '(erased)';

const SALT_BYTES = 16;

export type RedactableFields = {
  v: number;
  recordKeySalts: string[];
  recordKeyDigests: string[];
  reasonSalt: string | null;
  reasonDigest: string | null;
};

/** The digest of one value under its salt: sha256 (hex) of salt, NUL, value. */
export const saltedDigest = (salt: string, value: string): string => createHash('sha256').update(`${salt}\u0000${value}`).digest('hex');

/** Salts and digests for a new entry's record keys and reason. */
export function redactableFields(recordKeys: readonly string[], reason: string | null): RedactableFields {
  const pool = randomBytes(SALT_BYTES * (recordKeys.length + 1));
  const saltAt = (i: number) => pool.subarray(i * SALT_BYTES, (i + 1) * SALT_BYTES).toString('base64url');
  const recordKeySalts = recordKeys.map((_, i) => saltAt(i));
  const reasonSalt = reason === null ? null : saltAt(recordKeys.length);
  return {
    v: REDACTABLE_VERSION,
    recordKeySalts,
    recordKeyDigests: recordKeys.map((key, i) => saltedDigest(recordKeySalts[i]!, key)),
    reasonSalt,
    reasonDigest: reason === null || reasonSalt === null ? null : saltedDigest(reasonSalt, reason),
  };
}

type Checked = {
  v?: number | null;
  recordKeys: readonly string[];
  reason: string | null;
  recordKeySalts?: readonly string[] | null;
  recordKeyDigests?: readonly string[] | null;
  reasonSalt?: string | null;
  reasonDigest?: string | null;
};

/** True when every value still present matches its digest (always, for entries before version 2). */
export function valuesMatchDigests(entry: Checked): boolean {
  if (entry.v !== REDACTABLE_VERSION) return true;
  const salts = entry.recordKeySalts ?? [];
  const digests = entry.recordKeyDigests ?? [];
  if (salts.length !== entry.recordKeys.length || digests.length !== entry.recordKeys.length) return false;
  for (let i = 0; i < entry.recordKeys.length; i++) {
    if (salts[i] === '') continue;
    if (saltedDigest(salts[i]!, entry.recordKeys[i]!) !== digests[i]) return false;
  }
  if (entry.reasonDigest == null) return entry.reason === null;
  if (entry.reasonSalt) return entry.reason !== null && saltedDigest(entry.reasonSalt, entry.reason) === entry.reasonDigest;
  // A reason without its salt was erased, and reads as such.
  return entry.reason === ERASED;
}
