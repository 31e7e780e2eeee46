import { useState, type FormEvent } from 'react';
import { asApiError, request, useQuery, type ApiError } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import { href, navigate } from '../../route.ts';
import { Failure, Loading, when } from '../status.tsx';

const MergePathDocument = graphql(`
  query StewardMergePath($id: ID!) {
    mergePath(customerId: $id) { id kind at actor role reason records undoes from into }
  }
`);

const UnmergeDocument = graphql(`
  mutation StewardUnmerge($eventId: ID!, $reason: String!) {
    unmergeCustomers(eventId: $eventId, reason: $reason) { eventIds from { id } to { id } }
  }
`);

const kindLabel: Record<string, string> = { MERGE: 'merge', SPLIT: 'split', UNMERGE: 'unmerge', UNDO: 'undo' };

/** A customer's merges, splits and unmerges, oldest first, with an Unmerge for every merge not undone yet. */
function PathTable({ customerId, onNotice }: { customerId: string; onNotice: (message: string) => void }) {
  const path = useQuery(MergePathDocument, { id: customerId });
  const [reason, setReason] = useState('unmerged in the console');
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const steps = path.data?.mergePath ?? [];
  const undone = new Set(steps.map((s) => s.undoes).filter((u): u is string => u != null));

  const unmerge = async (eventId: string) => {
    setError(null);
    try {
      const result = (await request(UnmergeDocument, { eventId, reason: reason.trim() || 'unmerged in the console' })).unmergeCustomers;
      onNotice(`Unmerged: records went back from ${result.from.id} to ${result.to.map((t) => t.id).join(', ')}.`);
      setPending(null);
      path.refetch();
    } catch (e) {
      setError(asApiError(e));
    }
  };

  if (path.loading && !path.data) return <Loading what="the merge path" />;
  if (path.error) return <Failure error={path.error} />;
  if (steps.length === 0) return <p className="muted">No merge, split or unmerge made {customerId}.</p>;
  return (
    <>
      <label className="inline">
        Reason for unmerging
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </label>
      <Failure error={error} />
      <table aria-label={`Merge path of ${customerId}`} className="merge-path">
        <thead>
          <tr><th scope="col">When</th><th scope="col">Step</th><th scope="col">Records moved</th><th scope="col">By</th><th scope="col"><span className="sr-only">Undo</span></th></tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.id}>
              <td>{when(s.at)}</td>
              <td>
                <span className="tag">{kindLabel[s.kind] ?? s.kind}</span> {s.from} → {s.into}
                {s.reason && <div className="muted small">{s.reason}</div>}
              </td>
              <td>{s.records}</td>
              <td>{s.actor} <span className="muted">({s.role})</span></td>
              <td>
                {s.kind !== 'MERGE' ? null : undone.has(s.id) ? <span className="muted">undone</span> : pending === s.id ? (
                  <span className="row">
                    <button type="button" className="danger" onClick={() => void unmerge(s.id)}>Confirm unmerge</button>
                    <button type="button" onClick={() => setPending(null)}>Cancel</button>
                  </span>
                ) : (
                  <button type="button" onClick={() => setPending(s.id)} aria-label={`Unmerge ${s.from} from ${s.into}`}>Unmerge</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Merge path and unmerge: for a customer id typed in, or linked from a review item (#/steward/merge-path/<id>). */
export function MergePath({ customerId, onNotice }: { customerId?: string | undefined; onNotice: (message: string) => void }) {
  const [text, setText] = useState(customerId ?? '');
  const [shown, setShown] = useState(customerId ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = text.trim();
    setShown(id);
    if (customerId !== undefined && id) navigate('steward', 'merge-path', id);
  };
  return (
    <section className="panel" aria-labelledby="merge-path">
      <h2 id="merge-path">Merge path and unmerge</h2>
      <form onSubmit={submit} role="search" aria-label="Merge path of a customer">
        <label>
          Customer id
          <input value={text} onChange={(e) => setText(e.target.value)} maxLength={100} placeholder="cus_…" />
        </label>
        <button type="submit">Show merge path</button>
        {shown && <a href={href('agent', shown)}>Open in the agent desk</a>}
      </form>
      {shown && <PathTable key={shown} customerId={shown} onNotice={onNotice} />}
    </section>
  );
}
