import { useEffect, useRef, useState } from 'react';
import { useQuery } from '../../api.ts';
import { Failure, Loading, when } from '../status.tsx';
import { href, navigate } from '../../route.ts';
import { decide, type Verdict } from './decide.ts';
import { percent, QUEUE_MAX, QUEUE_PAGE, reasonLabel, StatsDocument, useQueue, type QueueFilters, type QueueItem } from './queue-data.ts';
import { QueueFiltersForm } from './queue-filters.tsx';
import { ShortcutsNote, useShortcuts } from './shortcuts.tsx';

type Props = {
  filters: QueueFilters;
  onFilters: (f: QueueFilters) => void;
  reason: string;
  onReason: (r: string) => void;
  onNotice: (message: string) => void;
};

const nameOf = (c: QueueItem['a']) => c.profile?.fullName?.value ?? c.id;

/** The open review items as a table: j/k move the selection, a/r decide it, o opens it. */
export function ReviewQueue({ filters, onFilters, reason, onReason, onNotice }: Props) {
  // "Show more" asks for a longer first page (the API pages review items by score from the top).
  const [shown, setShown] = useState(QUEUE_PAGE);
  const queue = useQueue(filters, shown);
  const stats = useQuery(StatsDocument, {});
  const [selected, setSelected] = useState(0);
  const [busy, setBusy] = useState(false);
  const items = queue.data?.reviewItems ?? [];
  const tbody = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    if (selected >= items.length && items.length > 0) setSelected(items.length - 1);
  }, [items.length, selected]);

  const move = (by: number) => {
    if (items.length === 0) return;
    const next = Math.min(items.length - 1, Math.max(0, selected + by));
    setSelected(next);
    tbody.current?.querySelectorAll('tr')[next]?.scrollIntoView({ block: 'nearest' });
  };
  const decideItem = async (id: string, verdict: Verdict) => {
    if (busy) return;
    setBusy(true);
    try {
      onNotice((await decide(verdict, id, reason)).message);
    } catch (e) {
      onNotice(`Not decided: ${e instanceof Error ? e.message : String(e)}`);
    }
    setBusy(false);
    queue.refetch();
    stats.refetch();
  };
  const run = (verdict: Verdict) => {
    const item = items[selected];
    if (item) void decideItem(item.id, verdict);
  };
  useShortcuts({
    a: () => run('approve'),
    r: () => run('reject'),
    j: () => move(1),
    n: () => move(1),
    k: () => move(-1),
    p: () => move(-1),
    o: () => items[selected] && navigate('steward', items[selected].id),
  });

  const s = stats.data?.reviewQueueStats;
  return (
    <section aria-labelledby="queue">
      <h2 id="queue">Review queue</h2>
      <Failure error={stats.error} />
      {s && (
        <p data-testid="queue-stats">
          <strong>{s.size}</strong> open item{s.size === 1 ? '' : 's'} · <strong>{s.pairs}</strong> record pair{s.pairs === 1 ? '' : 's'} · oldest raised {when(s.oldest)}
        </p>
      )}
      <QueueFiltersForm filters={filters} onChange={onFilters} sources={stats.data?.sources.map((x) => x.name) ?? []} reason={reason} onReason={onReason} />
      <ShortcutsNote open />
      <Failure error={queue.error} />
      {queue.loading && !queue.data ? <Loading what="the queue" /> : items.length === 0 ? (
        <p className="muted">No open items under these filters.</p>
      ) : (
        <table aria-label="Review queue" className="queue">
          <thead>
            <tr><th scope="col">Customers</th><th scope="col">Probability</th><th scope="col">Why</th><th scope="col">Raised</th><th scope="col">Assignee</th><th scope="col"><span className="sr-only">Decide</span></th></tr>
          </thead>
          <tbody ref={tbody}>
            {items.map((item, i) => (
              <tr key={item.id} data-item={item.id} aria-selected={i === selected} onClick={() => setSelected(i)}>
                <td>
                  <a href={href('steward', item.id)}>{nameOf(item.a)} and {nameOf(item.b)}</a>
                  <div className="muted small">{item.a.id} · {item.b.id} · {item.pairs.length} record pair{item.pairs.length === 1 ? '' : 's'}</div>
                </td>
                <td>{percent(item.probability)}</td>
                <td>{item.reasons.map((r) => <span key={r} className="tag">{reasonLabel[r] ?? r}</span>)}</td>
                <td>{when(item.createdAt)}</td>
                <td>{item.assignee ?? <span className="muted">nobody</span>}</td>
                <td>
                  <div className="row decide">
                    <button type="button" disabled={busy} onClick={() => { setSelected(i); void decideItem(item.id, 'approve'); }} aria-label={`Approve ${nameOf(item.a)} and ${nameOf(item.b)}`}>Approve</button>
                    <button type="button" disabled={busy} onClick={() => { setSelected(i); void decideItem(item.id, 'reject'); }} aria-label={`Reject ${nameOf(item.a)} and ${nameOf(item.b)}`}>Reject</button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items.length > 0 && (
        <p className="row">
          <span className="muted">Showing {items.length}{s ? ` of ${s.size}` : ''}.</span>
          {items.length === shown && shown < QUEUE_MAX && (
            <button type="button" onClick={() => setShown(Math.min(QUEUE_MAX, shown + QUEUE_PAGE))}>Show {QUEUE_PAGE} more</button>
          )}
        </p>
      )}
    </section>
  );
}
