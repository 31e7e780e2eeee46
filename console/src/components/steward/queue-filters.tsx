import type { ReviewOrder } from '../../gql/graphql.ts';
import type { QueueFilters } from './queue-data.ts';

type Props = { filters: QueueFilters; onChange: (f: QueueFilters) => void; sources: readonly string[]; reason: string; onReason: (r: string) => void };

export function QueueFiltersForm({ filters, onChange, sources, reason, onReason }: Props) {
  const set = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <form className="queue-filters" aria-label="Filter the queue" onSubmit={(e) => e.preventDefault()}>
      <label>
        Probability from (%)
        <input type="number" min={0} max={100} step={1} value={filters.minPercent} onChange={(e) => set('minPercent', e.target.value)} size={5} />
      </label>
      <label>
        Probability to (%)
        <input type="number" min={0} max={100} step={1} value={filters.maxPercent} onChange={(e) => set('maxPercent', e.target.value)} size={5} />
      </label>
      <label>
        Raised before
        <input type="date" value={filters.olderThan} onChange={(e) => set('olderThan', e.target.value)} />
      </label>
      <label>
        Source
        <select value={filters.source} onChange={(e) => set('source', e.target.value)}>
          <option value="">Any source</option>
          {sources.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>
        Order
        <select value={filters.order} onChange={(e) => set('order', e.target.value as ReviewOrder)}>
          <option value="SCORE">Highest probability first</option>
          <option value="AGE">Oldest first</option>
        </select>
      </label>
      <label className="reason">
        Reason for decisions
        <input value={reason} onChange={(e) => onReason(e.target.value)} maxLength={500} />
      </label>
    </form>
  );
}
