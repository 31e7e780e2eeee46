import { useQuery } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import type { AuditTrailDecisionsQuery } from '../../gql/graphql.ts';
import { Failure, Loading, when } from '../status.tsx';

const DecisionsDocument = graphql(`
  query AuditTrailDecisions($id: ID!) {
    decisions(customerId: $id) { id kind at by reason attribute records { source sourceRecordId } otherRecords { source sourceRecordId } }
  }
`);

type Decision = AuditTrailDecisionsQuery['decisions'][number];
const kindLabel: Record<Decision['kind'], string> = { MUST_LINK: 'must link', CANNOT_LINK: 'cannot link', SPLIT: 'split', PIN: 'pin' };

const Records = ({ records }: { records: Decision['records'] }) => (
  <>{records.map((r) => <code key={`${r.source}|${r.sourceRecordId}`} className="key">{r.source}|{r.sourceRecordId}</code>)}</>
);

/** The steward decisions in force on the customer's records, newest first: what resolution must respect. */
export function Decisions({ customerId }: { customerId: string }) {
  const decisions = useQuery(DecisionsDocument, { id: customerId });
  const list = decisions.data?.decisions ?? [];
  return (
    <section className="panel" aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">Steward decisions in force</h2>
      {decisions.loading && !decisions.data ? <Loading what="the decisions" /> : null}
      <Failure error={decisions.error} />
      {decisions.data && list.length === 0 && <p className="muted">No steward decision holds these records.</p>}
      {list.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Steward decisions in force">
            <thead><tr><th scope="col">Decision</th><th scope="col">When and who</th><th scope="col">Records</th></tr></thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.id}>
                  <td><span className="tag">{kindLabel[d.kind]}</span>{d.attribute && <div className="small">{d.attribute.toLowerCase().replace(/_/g, ' ')}</div>}{d.reason && <div className="muted small"><q>{d.reason}</q></div>}</td>
                  <td><time dateTime={d.at}>{when(d.at)}</time><div className="small">{d.by}</div></td>
                  <td>
                    <Records records={d.records} />
                    {d.otherRecords.length > 0 && <><div className="muted small">apart from</div><Records records={d.otherRecords} /></>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
