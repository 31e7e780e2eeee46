import { attributes, customerName, differs, DiffersTag, recordLabel, Values, type Golden, type RecordKey } from './golden.tsx';

export type Side = { id: string; profile: Golden; records: readonly RecordKey[] };

/** The two customers of a review item, one column each; a row whose values disagree is highlighted and says so. */
export function SideBySide({ a, b }: { a: Side; b: Side }) {
  return (
    <table aria-label="The two customers side by side" className="side-by-side">
      <thead>
        <tr>
          <th scope="col">Attribute</th>
          <th scope="col">{customerName(a.profile, a.id)}<div className="muted small id">{a.id}</div></th>
          <th scope="col">{customerName(b.profile, b.id)}<div className="muted small id">{b.id}</div></th>
        </tr>
      </thead>
      <tbody>
        {attributes.map((attr) => {
          const [left, right] = [attr.values(a.profile), attr.values(b.profile)];
          const differ = differs(left, right);
          return (
            <tr key={attr.key} className={differ ? 'differs' : undefined} data-attribute={attr.key}>
              <th scope="row">{attr.label} {differ && <DiffersTag />}</th>
              <td><Values values={left} /></td>
              <td><Values values={right} /></td>
            </tr>
          );
        })}
        <tr data-attribute="records">
          <th scope="row">Source records</th>
          <td><Values values={a.records.map(recordLabel)} /></td>
          <td><Values values={b.records.map(recordLabel)} /></td>
        </tr>
      </tbody>
    </table>
  );
}
