import { int, rowsOf, type GraphExecutor, type Tx } from '../graph/executor.ts';
import { identifierTypes } from '../ingest/canonical.ts';
import { activityRules } from '../profile/activity.ts';
import { REFRESH_ACTIVITY } from '../profile/profile.cypher.ts';
import type { ValueCodec } from './codec.ts';
import type { KeyRing } from './encrypting-codec.ts';
import {
  ANY_PLAIN_IDENTIFIER,
  MAX_NODE_ID,
  MAX_RELATIONSHIP_ID,
  NODE_VALUES,
  PLAIN_ENRICHMENT_KEYS,
  PLAIN_IDENTIFIER_KEYS,
  REKEY_ENRICHMENTS,
  REKEY_IDENTIFIERS,
  RELATIONSHIP_VALUES,
  REWRITE_NODE_VALUES,
  REWRITE_RELATIONSHIP_VALUES,
} from './key-rotation.cypher.ts';
import { addTally, emptyTally, planRewrites, rekeyed, type Rewrite, type StoredValue, type WindowTally } from './key-rotation.ts';

export type RotationScope = 'nodes' | 'relationships';

/**
 * Properties the codec wrote before encryption was on, by label: plaintext cannot be told
 * from any other string, so the upgrade names them (encrypted values need no list).
 */
export const codecProperties: ReadonlyArray<{ label: string; property: string }> = [
  { label: 'SourceRecord', property: 'attrs' },
  { label: 'Identifier', property: 'value' },
  { label: 'Customer', property: 'golden' },
  { label: 'Customer', property: 'pins' },
  { label: 'GoldenChange', property: 'value' },
  { label: 'Household', property: 'value' },
  { label: 'Enrichment', property: 'attrs' },
  { label: 'Webhook', property: 'secret' },
  { label: 'RejectedRecord', property: 'payload' },
  { label: 'DataQualityIssue', property: 'raw' },
];

/** A window's outcome: its tally, and identifiers and enrichments re-keyed from plaintext. */
export type WindowOutcome = WindowTally & { rekeyed: number };

/** A value as another write left it: its key ids, and the value itself if it is still to rewrite (and `again`). */
function storedNow(c: { id: number; property: string; now: string | string[] | null }, currentKeyId: string, again: boolean): StoredValue {
  const strings = c.now === null ? [] : Array.isArray(c.now) ? c.now : [c.now];
  const keyIds = strings.filter((s) => s.startsWith('enc1.')).map((s) => s.split('.')[1] ?? '');
  return { id: c.id, property: c.property, keyIds, plain: false, value: again && keyIds.some((k) => k !== currentKeyId) ? c.now : null };
}

/** Rounds a window retries values that changed under it before counting them as they are. */
const MAX_ROUNDS = 3;

/**
 * Re-encrypts stored values under the key ring's current key, one id window at a time in
 * the caller's transaction (the job saves its page in the same one). Reads never stop:
 * the ring still holds the old keys, and each value is replaced only if it is still the
 * exact ciphertext read.
 */
export class KeyRotationService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;
  readonly ring: KeyRing | null;

  constructor(executor: GraphExecutor, codec: ValueCodec, ring: KeyRing | null) {
    this.executor = executor;
    this.codec = codec;
    this.ring = ring;
  }

  async maxId(scope: RotationScope): Promise<number> {
    const [row] = await this.executor.readRows<{ max: number }>(scope === 'nodes' ? MAX_NODE_ID : MAX_RELATIONSHIP_ID);
    return row?.max ?? -1;
  }

  /** True when any identifier still has a plaintext-era key: a store from before encryption. */
  async holdsPlaintext(): Promise<boolean> {
    const [row] = await this.executor.readRows<{ plaintext: boolean }>(ANY_PLAIN_IDENTIFIER, { types: [...identifierTypes] });
    return row?.plaintext ?? false;
  }

  /** Rewrites the values of ids [from, to) of the scope not under the current key (and plaintext ones, if asked). */
  async rotateWindow(tx: Tx, scope: RotationScope, from: number, to: number, plaintext: boolean): Promise<WindowOutcome> {
    const ring = this.ring!;
    const params = { from: int(from), to: int(to), current: ring.currentKeyId, plaintext, plain: codecProperties };
    let pending = rowsOf<StoredValue>(await tx.run(scope === 'nodes' ? NODE_VALUES : RELATIONSHIP_VALUES, params));
    let tally = emptyTally();
    const keyOf = (v: { id: number; property: string }) => `${v.id}|${v.property}`;
    for (let round = 1; pending.length > 0; round++) {
      const planned = pending.map((value) => ({ value, ...planRewrites([value], this.codec, ring.currentKeyId) }));
      const rewrites = planned.flatMap((p) => p.rewrites);
      const lost = rewrites.length > 0 ? await this.write(tx, scope, rewrites) : [];
      const lostKeys = new Set(lost.map(keyOf));
      for (const p of planned) if (!lostKeys.has(keyOf(p.value))) tally = addTally(tally, p.tally);
      // A value written concurrently is read again (this transaction now holds its lock) and
      // planned again; after the last round it is counted as it is, by its key ids.
      const now = lost.map((c) => storedNow(c, ring.currentKeyId, round < MAX_ROUNDS));
      if (round >= MAX_ROUNDS) {
        tally = addTally(tally, planRewrites(now, this.codec, ring.currentKeyId).tally);
        break;
      }
      pending = now;
    }
    const rekeyedCount = scope === 'nodes' && plaintext ? await this.rekey(tx, params) : 0;
    return { ...tally, rekeyed: rekeyedCount };
  }

  /** Writes the rewrites conditionally; returns those that found another value (what is there now). */
  private async write(tx: Tx, scope: RotationScope, rewrites: Rewrite[]): Promise<Array<{ id: number; property: string; now: string | string[] | null }>> {
    const rows = rowsOf<{ id: number; property: string; written: boolean; now: string | string[] | null }>(
      await tx.run(scope === 'nodes' ? REWRITE_NODE_VALUES : REWRITE_RELATIONSHIP_VALUES, { rows: rewrites.map((r) => ({ ...r, id: int(r.id) })) }),
    );
    return rows.filter((r) => !r.written);
  }

  /** Plaintext-era lookup keys of the window's identifiers and enrichments, re-keyed to the blind index. */
  private async rekey(tx: Tx, params: { from: unknown; to: unknown }): Promise<number> {
    const identifiers = rowsOf<{ id: number; type: string; key: string }>(await tx.run(PLAIN_IDENTIFIER_KEYS, params));
    let count = 0;
    if (identifiers.length > 0) {
      const rows = identifiers.map((i) => ({ id: int(i.id), oldKey: i.key, newKey: rekeyed(i.type, i.key, this.codec) }));
      const merged = rowsOf<{ merged: boolean; interactions: string[] }>(await tx.run(REKEY_IDENTIFIERS, { rows }));
      const moved = merged.flatMap((m) => m.interactions);
      // An identifier that took another's activity recomputes its summary from all of it.
      if (moved.length > 0) await tx.run(REFRESH_ACTIVITY, { keys: [...new Set(moved)], rules: activityRules });
      count += merged.length;
    }
    const enrichments = rowsOf<{ id: number; type: string; key: string; namespace: string }>(await tx.run(PLAIN_ENRICHMENT_KEYS, params));
    if (enrichments.length > 0) {
      const rows = enrichments.map((e) => {
        const newKey = rekeyed(e.type, e.key, this.codec);
        return { id: int(e.id), oldKey: e.key, newKey, newId: `${e.namespace}|${newKey}` };
      });
      await tx.run(REKEY_ENRICHMENTS, { rows });
    }
    return count;
  }
}
