import { money, when } from '../status.tsx';
import type { SegmentResult } from './use-segment.ts';

/** The stored version: its count when saved and its first members (the export works on it too). */
export function SavedPanel({ segment, unsaved }: { segment: SegmentResult | null; unsaved: boolean }) {
  return (
    <section className="panel" aria-labelledby="saved-heading">
      <h2 id="saved-heading">Saved segment</h2>
      {!segment ? (
        <p className="muted">Not saved yet: save the segment to see its members and export it.</p>
      ) : (
        <>
          <p>
            <strong>{segment.name}</strong> · version <span data-testid="saved-version">{segment.version}</span> · <code>{segment.id}</code>
          </p>
          <p><strong data-testid="saved-count">{segment.count}</strong> member{segment.count === 1 ? '' : 's'} when saved.</p>
          {unsaved && <p className="warn-text" data-testid="saved-note">The builder has unsaved changes: these members are of version {segment.version}.</p>}
          <h3>First members</h3>
          {segment.members.edges.length === 0 ? <p className="muted">No members.</p> : (
            <table aria-label="First members">
              <thead><tr><th>Customer</th><th>Orders</th><th>Lifetime value</th><th>Open tickets</th><th>Last contact</th></tr></thead>
              <tbody>
                {segment.members.edges.map(({ node: c }) => (
                  <tr key={c.id}>
                    <td><code>{c.id}</code></td>
                    <td>{c.summary.orderCount}</td>
                    <td>{c.summary.lifetimeValue.map((m) => money(m.amount, m.currency)).join(', ') || '—'}</td>
                    <td>{c.summary.openTicketCount}</td>
                    <td>{when(c.summary.lastInteractionAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {segment.members.pageInfo.hasNextPage && <p className="muted">…and {segment.count - segment.members.edges.length} more.</p>}
        </>
      )}
    </section>
  );
}
