import { useEffect, useState, type FormEvent } from 'react';
import { asApiError, request, useQuery, type ApiError } from '../../api.ts';
import type { HeldBackStatus } from '../../gql/graphql.ts';
import { href } from '../../route.ts';
import { Failure, Loading, when } from '../status.tsx';
import { DiscardHeldBackDocument, HeldBackDocument, ReleaseHeldBackDocument } from './documents.ts';

const statuses: ReadonlyArray<readonly [HeldBackStatus, string]> = [['HELD', 'Held'], ['RELEASED', 'Released'], ['DISCARDED', 'Discarded']];

/** Release (the person came back and consented: the record is stored) or discard (its payload goes), with a reason. */
function Decide({ id, onDone }: { id: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const decide = (release: boolean) => async (event?: FormEvent) => {
    event?.preventDefault();
    setError(null);
    try {
      const vars = { id, reason: reason.trim() };
      await (release ? request(ReleaseHeldBackDocument, vars) : request(DiscardHeldBackDocument, vars));
      onDone();
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <details>
      <summary>Release or discard</summary>
      <form onSubmit={decide(false)}>
        <label>
          Reason (no personal values)
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoComplete="off" />
        </label>
        <div className="row">
          <button type="button" onClick={() => void decide(true)()} disabled={!reason.trim()}>Release</button>
          <button type="submit" className="danger" disabled={!reason.trim()}>Discard</button>
        </div>
      </form>
      <Failure error={error} />
    </details>
  );
}

/** Records an import held back because they matched an erased person's tombstone. */
export function HeldBack({ refresh }: { refresh: number }) {
  const [status, setStatus] = useState<HeldBackStatus>('HELD');
  const { data, error, loading, refetch } = useQuery(HeldBackDocument, { status });
  useEffect(() => {
    if (refresh > 0) refetch();
  }, [refresh, refetch]);
  const rows = data?.heldBackRecords ?? [];
  return (
    <section className="panel" aria-labelledby="held-heading">
      <h2 id="held-heading">Held-back records</h2>
      <p className="muted">Imports that matched an erased person (by record id or an identifier) are held here instead of stored.</p>
      <label className="inline-label">
        Show
        <select value={status} onChange={(e) => setStatus(e.target.value as HeldBackStatus)}>
          {statuses.map(([s, text]) => <option key={s} value={s}>{text}</option>)}
        </select>
      </label>
      <Failure error={error} />
      {loading && !data ? <Loading what="held-back records" /> : rows.length === 0 ? <p className="muted">None {status.toLowerCase()}.</p> : (
        <div className="table-scroll">
          <table aria-label="Held-back records">
            <thead><tr><th>Held</th><th>Source</th><th>Matched on</th><th>Erasure request</th><th>Decided</th>{status === 'HELD' && <th>Decision</th>}</tr></thead>
            <tbody>
              {rows.map((h) => (
                <tr key={h.id}>
                  <td>{when(h.at)}</td>
                  <td>{h.source}</td>
                  <td>{h.matchedOn.map((m) => <span key={m} className="tag">{m.toLowerCase().replace(/_/g, ' ')}</span>)}</td>
                  <td><a href={href('privacy', h.requestId)}>{h.requestId}</a></td>
                  <td>{h.decidedBy ? `${h.decidedBy}, ${when(h.decidedAt)}` : '—'}</td>
                  {status === 'HELD' && <td><Decide id={h.id} onDone={refetch} /></td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
