import { useState } from 'react';
import { useQuery } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import { Failure, Loading, when } from '../status.tsx';

const AccessLogDocument = graphql(`
  query AuditTrailAccessLog($id: ID!, $from: DateTime!, $to: DateTime!) {
    customerAccessLog(customerId: $id, from: $from, to: $to) { id seq at actor role requestId operation fields detail }
  }
`);

const DAY = 86_400_000;
/** A local calendar day as the date input spells it (YYYY-MM-DD). */
const dayOf = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
/** The start of a local day, or the last millisecond of it, as an instant. */
const instantOf = (day: string, end: boolean) => new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString();

const operationLabel: Record<string, string> = { READ_PROFILE: 'read profile' };

/** What detail says about a read: how many personal values, how many of them masked. */
function readsOf(detail: unknown): string | null {
  if (!detail || typeof detail !== 'object') return null;
  const d = detail as Record<string, unknown>;
  if (typeof d['preview'] === 'string') return `${d['preview']} preview`;
  if (typeof d['reads'] !== 'number') return null;
  const masked = typeof d['masked'] === 'number' ? d['masked'] : 0;
  return `${d['reads']} value${d['reads'] === 1 ? '' : 's'}, ${masked === 0 ? 'in clear' : masked === d['reads'] ? 'all masked' : `${masked} masked`}`;
}

/** Who read the customer's personal data in a period: the last 30 days unless the auditor picks other days. */
export function AccessLog({ customerId }: { customerId: string }) {
  const [from, setFrom] = useState(() => dayOf(new Date(Date.now() - 30 * DAY)));
  const [to, setTo] = useState(() => dayOf(new Date()));
  const valid = from !== '' && to !== '' && from <= to;
  const log = useQuery(AccessLogDocument, valid ? { id: customerId, from: instantOf(from, false), to: instantOf(to, true) } : { id: customerId, from: '', to: '' }, !valid);
  const reads = log.data?.customerAccessLog ?? [];
  return (
    <section className="panel" aria-labelledby="access-heading">
      <h2 id="access-heading">Access log</h2>
      <form onSubmit={(e) => e.preventDefault()} aria-label="Period of the access log">
        <label>
          From
          <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} required />
        </label>
        <label>
          To
          <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} required />
        </label>
        <button type="button" onClick={log.refetch} disabled={!valid || log.loading}>Refresh</button>
      </form>
      {!valid && <p role="alert" className="error">Pick a start day on or before the end day.</p>}
      {valid && log.loading && !log.data ? <Loading what="the access log" /> : null}
      <Failure error={log.error} />
      {valid && log.data && (
        <p className="muted" aria-live="polite">
          {reads.length === 0 ? 'Nobody read this customer’s personal data in this period.' : `${reads.length} read${reads.length === 1 ? '' : 's'} from ${from} to ${to}, newest first.`}
        </p>
      )}
      {valid && reads.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Reads of the customer's personal data">
            <thead>
              <tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Role</th><th scope="col">Operation</th><th scope="col">Fields</th></tr>
            </thead>
            <tbody>
              {reads.map((r) => (
                <tr key={r.id}>
                  <td><time dateTime={r.at}>{when(r.at)}</time>{r.seq != null && <div className="muted small">entry {r.seq}</div>}</td>
                  <td className="actor">{r.actor}</td>
                  <td>{r.role}</td>
                  <td>{operationLabel[r.operation] ?? r.operation.toLowerCase().replace(/_/g, ' ')}{readsOf(r.detail) && <div className="muted small">{readsOf(r.detail)}</div>}</td>
                  <td className="fields">{r.fields.length === 0 ? '—' : r.fields.map((f) => <code key={f} className="field">{f}</code>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
