import { useState } from 'react';
import { useQuery } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import { Failure, Loading, when } from '../status.tsx';

const SummaryDocument = graphql(`
  query StewardDataQualitySummary {
    dataQualitySummary { source code issues records }
  }
`);

const IssuesDocument = graphql(`
  query StewardDataQualityIssues($source: String!) {
    dataQualityIssues(source: $source, first: 50) { id sourceRecordId field code reason raw at }
  }
`);

const codeLabel: Record<string, string> = { INVALID_DATE: 'invalid date', INVALID_EMAIL: 'invalid e-mail', INVALID_PHONE: 'invalid phone', INVALID_COUNTRY: 'invalid country' };

function Issues({ source }: { source: string }) {
  const { data, error, loading } = useQuery(IssuesDocument, { source });
  if (loading && !data) return <Loading what={`the issues of ${source}`} />;
  if (error) return <Failure error={error} />;
  const issues = data?.dataQualityIssues ?? [];
  return (
    <table aria-label={`Data-quality issues of ${source}`}>
      <thead><tr><th scope="col">Record</th><th scope="col">Field</th><th scope="col">Problem</th><th scope="col">Sent</th><th scope="col">Stored</th></tr></thead>
      <tbody>
        {issues.map((i) => (
          <tr key={i.id}>
            <td>{i.sourceRecordId}</td>
            <td><code>{i.field.join('.')}</code></td>
            <td>{codeLabel[i.code] ?? i.code}<div className="muted small">{i.reason}</div></td>
            <td><code className="raw">{i.raw}</code></td>
            <td>{when(i.at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Values sources sent that could not be used, counted per source and code; one source's issues on demand. */
export function DataQuality() {
  const { data, error, loading } = useQuery(SummaryDocument, {});
  const [source, setSource] = useState<string | null>(null);
  const counts = data?.dataQualitySummary ?? [];
  return (
    <section className="panel data-quality" aria-labelledby="data-quality">
      <h2 id="data-quality">Data quality by source</h2>
      <Failure error={error} />
      {loading && !data ? <Loading what="data quality" /> : counts.length === 0 ? (
        <p className="muted">No source sent an unusable value.</p>
      ) : (
        <table aria-label="Data-quality issues per source">
          <thead><tr><th scope="col">Source</th><th scope="col">Problem</th><th scope="col">Values</th><th scope="col">Records</th><th scope="col"><span className="sr-only">Details</span></th></tr></thead>
          <tbody>
            {counts.map((c) => (
              <tr key={`${c.source}|${c.code}`}>
                <td>{c.source}</td>
                <td>{codeLabel[c.code] ?? c.code}</td>
                <td>{c.issues}</td>
                <td>{c.records}</td>
                <td><button type="button" onClick={() => setSource(c.source)} aria-pressed={source === c.source} aria-label={`Show the issues of ${c.source}`}>Show</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {source && (
        <>
          <h3>Issues of {source}</h3>
          <Issues source={source} />
        </>
      )}
    </section>
  );
}
