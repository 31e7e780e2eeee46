import { useEffect, useState } from 'react';
import { useQuery } from '../../api.ts';
import { href } from '../../route.ts';
import type { PrivacyRequestFilter } from '../../gql/graphql.ts';
import { Failure, Loading, when } from '../status.tsx';
import { daysUntil, kindLabel, RequestsDocument, statusLabel } from './documents.ts';

const views = [
  ['open', 'Open'],
  ['overdue', 'Overdue'],
  ['all', 'All'],
] as const;
type View = (typeof views)[number][0];

const filterOf = (view: View): PrivacyRequestFilter =>
  view === 'open' ? { status: ['RECEIVED', 'VERIFIED', 'IN_PROGRESS'] } : view === 'overdue' ? { overdue: true } : {};

const dueText = (dueAt: string, overdue: boolean, open: boolean) => {
  if (!open) return when(dueAt);
  const days = daysUntil(dueAt);
  if (overdue) return `${when(dueAt)} (overdue by ${Math.max(1, -days)} day${-days === 1 ? '' : 's'})`;
  return `${when(dueAt)} (in ${days} day${days === 1 ? '' : 's'})`;
};

/** The requests, open ones first by default, overdue ones marked; `refresh` changes when a request changes. */
export function RequestList({ selected, refresh }: { selected: string | undefined; refresh: number }) {
  const [view, setView] = useState<View>('open');
  const { data, error, loading, refetch } = useQuery(RequestsDocument, { filter: filterOf(view), first: 200 });
  useEffect(() => {
    if (refresh > 0) refetch();
  }, [refresh, refetch]);
  const requests = data?.privacyRequests ?? [];
  const overdue = requests.filter((r) => r.overdue).length;
  return (
    <section className="panel" aria-labelledby="requests-heading">
      <h2 id="requests-heading">Requests</h2>
      <div className="row" role="radiogroup" aria-label="Which requests">
        {views.map(([v, text]) => (
          <label key={v} className="inline">
            <input type="radio" name="request-view" value={v} checked={view === v} onChange={() => setView(v)} />
            {text}
          </label>
        ))}
      </div>
      <Failure error={error} />
      {loading && !data ? <Loading what="requests" /> : (
        <>
          <p className="muted" aria-live="polite">
            {requests.length} request{requests.length === 1 ? '' : 's'}{overdue > 0 && <>, <strong className="error">{overdue} overdue</strong></>}.
          </p>
          {requests.length > 0 && (
            <div className="table-scroll">
              <table aria-label="Privacy requests">
                <thead><tr><th>Request</th><th>Kind</th><th>Customer</th><th>Status</th><th>Due</th></tr></thead>
                <tbody>
                  {requests.map((r) => (
                    <tr key={r.id} className={r.overdue ? 'overdue' : undefined} aria-selected={r.id === selected}>
                      <td><a href={href('privacy', r.id)} aria-current={r.id === selected ? 'true' : undefined}>{r.id}</a></td>
                      <td>{kindLabel[r.kind]}</td>
                      <td><code>{r.customerId}</code></td>
                      <td><span className={`tag ${r.status === 'COMPLETED' ? 'good' : r.status === 'REJECTED' ? 'bad' : ''}`}>{statusLabel[r.status]}</span></td>
                      <td>{r.overdue && <span className="tag bad">Overdue</span>} {dueText(r.dueAt, r.overdue, r.status !== 'COMPLETED' && r.status !== 'REJECTED')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
