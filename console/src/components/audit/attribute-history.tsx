import { useState } from 'react';
import { useQuery } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import type { GoldenAttribute } from '../../gql/graphql.ts';
import { Failure, Loading, when } from '../status.tsx';

const AttributeHistoryDocument = graphql(`
  query AuditTrailAttributeHistory($id: ID!, $attribute: GoldenAttribute!) {
    attributeHistory(customerId: $id, attribute: $attribute) { customerId at value rule source sourceRecordId actor role }
  }
`);

const attributes: ReadonlyArray<[GoldenAttribute, string]> = [
  ['GIVEN_NAME', 'Given name'], ['MIDDLE_NAME', 'Middle name'], ['FAMILY_NAME', 'Family name'], ['FULL_NAME', 'Full name'],
  ['DATE_OF_BIRTH', 'Date of birth'], ['ORGANISATION', 'Organisation'], ['TITLE', 'Title'],
  ['EMAIL', 'E-mail (preferred)'], ['PHONE', 'Phone (preferred)'], ['ADDRESS', 'Address (preferred)'],
];

const ruleLabel: Record<string, string> = {
  SOURCE_PRIORITY: 'source priority', MOST_RECENT: 'most recent', MOST_FREQUENT: 'most frequent', FIRST_NON_EMPTY: 'first non-empty',
  PINNED: 'pinned by a steward', TIE_BREAK: 'tie break', ONLY_VALUE: 'only value',
};

const Empty = () => <span className="muted">(empty)</span>;

/**
 * Every change of one golden attribute, oldest first, as the API returns it to this role
 * (masked for auditors). The old value is the change before it on the same customer.
 */
export function AttributeHistory({ customerId }: { customerId: string }) {
  const [attribute, setAttribute] = useState<GoldenAttribute>('FAMILY_NAME');
  const label = attributes.find(([a]) => a === attribute)?.[1] ?? attribute;
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">Attribute history</h2>
      <form onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="history-attribute">Attribute</label>
          <select id="history-attribute" value={attribute} onChange={(e) => setAttribute(e.target.value as GoldenAttribute)}>
            {attributes.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
          </select>
        </div>
      </form>
      {/* Keyed by attribute: one attribute's rows never show under another's name while loading. */}
      <HistoryTable key={attribute} customerId={customerId} attribute={attribute} label={label.toLowerCase()} />
    </section>
  );
}

function HistoryTable({ customerId, attribute, label }: { customerId: string; attribute: GoldenAttribute; label: string }) {
  const history = useQuery(AttributeHistoryDocument, { id: customerId, attribute });
  const before = new Map<string, string | null>();
  const rows = (history.data?.attributeHistory ?? []).map((c, i) => {
    const old = before.has(c.customerId) ? before.get(c.customerId)! : undefined;
    before.set(c.customerId, c.value ?? null);
    return { ...c, old, key: `${c.customerId}|${c.at}|${i}` };
  });
  if (history.loading && !history.data) return <Loading what={`the history of ${label}`} />;
  if (history.error) return <Failure error={history.error} />;
  if (rows.length === 0) return <p className="muted">No change of {label} is recorded.</p>;
  return (
    <div className="table-scroll">
      <table aria-label={`History of ${label}`}>
        <thead>
          <tr><th scope="col">When</th><th scope="col">Old value</th><th scope="col">New value</th><th scope="col">Rule</th><th scope="col">Source record</th><th scope="col">Caused by</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>
                <time dateTime={r.at}>{when(r.at)}</time>
                {r.customerId !== customerId && <div className="muted small">on <code>{r.customerId}</code>, merged in later</div>}
              </td>
              <td>{r.old === undefined ? <span className="muted">—</span> : r.old === null ? <Empty /> : r.old}</td>
              <td>{r.value == null ? <Empty /> : r.value}</td>
              <td>{r.rule ? ruleLabel[r.rule] ?? r.rule : '—'}</td>
              <td>{r.source ? <>{r.source}{r.sourceRecordId && <div className="muted small"><code>{r.sourceRecordId}</code></div>}</> : '—'}</td>
              <td>{r.actor} <span className="muted">({r.role})</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
