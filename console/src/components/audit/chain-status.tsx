import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import { Failure } from '../status.tsx';

const VerifyChainDocument = graphql(`
  query AuditTrailVerifyChain($anchors: [AuditAnchorInput!]) {
    verifyAuditChain(anchors: $anchors) { ok entries head brokenAtSeq brokenEntryId brokenReason }
  }
`);

type Anchor = { seq: number; hash: string };

const reasonLabel: Record<string, string> = {
  'hash-mismatch': 'an entry no longer matches its hash (it was changed after sealing)',
  'broken-link': 'an entry does not point at the one before it (entries were removed, reordered or the head was rewound)',
  gap: 'entries are missing from the sequence',
  'anchor-mismatch': 'the chain does not hold the hash the anchor recorded (the chain was rewritten)',
};

/**
 * The hash chain's verdict, first thing on the page: the API seals what is not chained yet
 * and walks the whole chain. An anchor from the logs ('audit chain sealed') catches a
 * rewrite of the whole chain, which the chain alone cannot.
 */
export function ChainStatus() {
  const [anchors, setAnchors] = useState<Anchor[]>([]);
  const status = useQuery(VerifyChainDocument, { anchors });
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const s = status.data?.verifyAuditChain;
  useEffect(() => {
    if (status.data) setCheckedAt(new Date().toLocaleTimeString('en-GB'));
  }, [status.data]);
  return (
    <section className={`panel chain-status ${s ? (s.ok ? 'verified' : 'broken') : ''}`} aria-labelledby="chain-heading">
      <h2 id="chain-heading">Audit chain</h2>
      <div role="status" aria-live="polite" aria-busy={status.loading}>
        {status.loading && !s ? <p className="muted">Verifying the audit chain…</p> : null}
        {s && (
          <>
            <p className={`verdict ${s.ok ? 'ok' : 'error'}`}>
              {s.ok ? '✓ Verified: every entry is intact and in sequence' : `✗ Broken at entry ${s.brokenAtSeq ?? '?'}`}
              {anchors.length > 0 && s.ok ? `, and it matches the anchor at entry ${anchors[0]!.seq}` : ''}
            </p>
            {!s.ok && <p className="error">{reasonLabel[s.brokenReason ?? ''] ?? s.brokenReason}</p>}
            <dl className="facts">
              <dt>Entries checked</dt>
              <dd>{s.entries}</dd>
              {s.ok ? (
                <>
                  <dt>Sealed head</dt>
                  <dd>entry {s.entries} · <code className="hash">{s.head ?? '—'}</code></dd>
                </>
              ) : (
                <>
                  <dt>Broken entry</dt>
                  <dd><code className="hash">{s.brokenEntryId ?? '—'}</code></dd>
                </>
              )}
              <dt>Checked</dt>
              <dd>{checkedAt ?? '—'}</dd>
            </dl>
          </>
        )}
      </div>
      <Failure error={status.error} />
      <div className="row">
        <button type="button" onClick={status.refetch} disabled={status.loading}>Verify again</button>
      </div>
      <AnchorForm current={anchors} onCheck={setAnchors} />
    </section>
  );
}

function AnchorForm({ current, onCheck }: { current: Anchor[]; onCheck: (anchors: Anchor[]) => void }) {
  const [seq, setSeq] = useState('');
  const [hash, setHash] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const n = Number.parseInt(seq, 10);
    if (!Number.isInteger(n) || n < 1 || !/^[0-9a-f]{64}$/.test(hash.trim())) return;
    onCheck([{ seq: n, hash: hash.trim() }]);
  };
  return (
    <details>
      <summary>Check against an anchor from the logs</summary>
      <p className="muted small">The API logs "audit chain sealed" with an entry number and hash after every seal. The chain must still have that hash there.</p>
      <form onSubmit={submit}>
        <label>
          Entry number
          <input type="number" min={1} step={1} value={seq} onChange={(e) => setSeq(e.target.value)} required />
        </label>
        <label className="grow">
          Hash (64 hex digits)
          <input value={hash} onChange={(e) => setHash(e.target.value)} pattern="[0-9a-f]{64}" spellCheck={false} autoComplete="off" required />
        </label>
        <button type="submit">Check anchor</button>
        {current.length > 0 && <button type="button" onClick={() => onCheck([])}>Clear anchor</button>}
      </form>
    </details>
  );
}
