import { useQuery } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import { Failure, Loading } from '../status.tsx';
import { attributes, customerName, differs, recordLabel, Values } from './golden.tsx';
import type { Side } from './side-by-side.tsx';

const PreviewMergeDocument = graphql(`
  query StewardPreviewMerge($a: ID!, $b: ID!) {
    previewMerge(a: $a, b: $b) {
      dryRun
      mergedAway
      survivor { id profile { ...StewardGolden } records { source sourceRecordId } }
    }
  }
`);

/** The golden record before (each side) and after a merge, as previewMerge computes it without writing. */
export function MergePreview({ a, b }: { a: Side; b: Side }) {
  const { data, error, loading } = useQuery(PreviewMergeDocument, { a: a.id, b: b.id });
  const merge = data?.previewMerge;
  return (
    <section className="panel" aria-labelledby="merge-preview">
      <h3 id="merge-preview">Merge preview</h3>
      <Failure error={error} />
      {loading && !merge ? <Loading what="the merge preview" /> : merge && (
        <>
          <p className="muted">
            Approving keeps <strong>{merge.survivor.id}</strong>; {merge.mergedAway} will resolve to it. Nothing is written until you approve.
          </p>
          <table aria-label="Merge preview: the golden record before and after" data-testid="merge-preview">
            <thead>
              <tr>
                <th scope="col">Attribute</th>
                <th scope="col">Before: {customerName(a.profile, a.id)}</th>
                <th scope="col">Before: {customerName(b.profile, b.id)}</th>
                <th scope="col">After the merge</th>
              </tr>
            </thead>
            <tbody>
              {attributes.map((attr) => {
                const after = attr.values(merge.survivor.profile);
                const changed = differs(after, attr.values(a.profile)) || differs(after, attr.values(b.profile));
                return (
                  <tr key={attr.key}>
                    <th scope="row">{attr.label}</th>
                    <td><Values values={attr.values(a.profile)} /></td>
                    <td><Values values={attr.values(b.profile)} /></td>
                    <td className={changed ? 'after changed' : 'after'}><Values values={after} /></td>
                  </tr>
                );
              })}
              <tr>
                <th scope="row">Source records</th>
                <td>{a.records.length}</td>
                <td>{b.records.length}</td>
                <td className="after"><Values values={merge.survivor.records.map(recordLabel)} /></td>
              </tr>
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
