import type { ValueCodec } from '../codec.ts';

/**
 * What an erasure leaves behind to recognise the person if a source sends them again:
 * keyed hashes only (the codec's lookup keys, an HMAC under the encrypting codec), never a
 * value. Identifiers are kept by their Identifier key, which is already
 * `codec.lookupKey(type, normalized)`; a source record by the lookup key of
 * "source|sourceRecordId" under the type below.
 */
export const SOURCE_RECORD_TYPE = 'source-record';

export const sourceRecordTombstoneKey = (codec: ValueCodec, source: string, sourceRecordId: string): string => codec.lookupKey(SOURCE_RECORD_TYPE, `${source}|${sourceRecordId}`);

/** How a tombstone key is named to the privacy officer: SOURCE_RECORD_ID or the identifier type in capitals. */
export const matchedOnName = (kind: string, type: string | null): string => (kind === 'source-record' ? 'SOURCE_RECORD_ID' : String(type ?? 'identifier').toUpperCase());
