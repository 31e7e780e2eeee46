import { ERASED, REDACTABLE_VERSION } from '../../audit/redactable.ts';

/** What the erasure reads of an audit entry that names the person. */
export type EntryToRedact = {
  v?: number | null;
  recordKeys: string[];
  recordKeySalts?: string[] | null;
  reason: string | null;
  reasonSalt?: string | null;
  /** Whether the entry names one of the person's customers (its reason is then about them). */
  names: boolean;
};

export type Redacted = { recordKeys: string[]; recordKeySalts: string[]; reason: string | null; reasonSalt: string | null };

/**
 * The entry with the person's record keys and (when it names them) its free-text reason
 * erased, salts removed with them; the digests the chain covers are left alone, so the
 * chain still verifies. 'legacy' for an entry written before redactable entries (its
 * values are in the hash itself), null when nothing is left to erase.
 * @example redactEntry({ v: 2, recordKeys: ['crm|1', 'crm|2'], recordKeySalts: ['a', 'b'], reason: null, reasonSalt: null, names: false }, new Set(['crm|1']))
 * // { recordKeys: ['(erased)', 'crm|2'], recordKeySalts: ['', 'b'], reason: null, reasonSalt: null }
 */
export function redactEntry(entry: EntryToRedact, keys: ReadonlySet<string>): Redacted | 'legacy' | null {
  const keyHits = entry.recordKeys.some((k) => keys.has(k));
  const reasonHit = entry.names && entry.reason !== null && entry.reason !== ERASED;
  if (!keyHits && !reasonHit) return null;
  if (entry.v !== REDACTABLE_VERSION) return 'legacy';
  const salts = entry.recordKeySalts ?? entry.recordKeys.map(() => '');
  return {
    recordKeys: entry.recordKeys.map((k) => (keys.has(k) ? ERASED : k)),
    recordKeySalts: entry.recordKeys.map((k, i) => (keys.has(k) ? '' : (salts[i] ?? ''))),
    reason: reasonHit ? ERASED : entry.reason,
    reasonSalt: reasonHit ? null : (entry.reasonSalt ?? null),
  };
}
