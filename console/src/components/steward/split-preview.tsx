import { useState, type FormEvent } from 'react';
import { asApiError, request, type ApiError } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import type { SplitTarget, StewardPreviewSplitQuery } from '../../gql/graphql.ts';
import { Failure } from '../status.tsx';
import { attributes, customerName, recordLabel, Values } from './golden.tsx';
import type { Side } from './side-by-side.tsx';

const PreviewSplitDocument = graphql(`
  query StewardPreviewSplit($id: ID!, $records: [RecordRef!]!, $target: SplitTarget!) {
    previewSplit(customerId: $id, records: $records, target: $target) {
      dryRun
      from { id profile { ...StewardGolden } records { source sourceRecordId } }
      to { id profile { ...StewardGolden } records { source sourceRecordId } }
    }
  }
`);

type Split = StewardPreviewSplitQuery['previewSplit'];

/** How a customer would look with one of its records moved out (previewSplit writes nothing). */
export function SplitPreview({ sides }: { sides: readonly Side[] }) {
  const [choice, setChoice] = useState('');
  const [target, setTarget] = useState<SplitTarget>('NEW_CUSTOMER');
  const [result, setResult] = useState<Split | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // A split must leave a record behind, so only customers of several records offer theirs.
  const splittable = sides.filter((s) => s.records.length > 1);
  const options = splittable.flatMap((s) => s.records.map((r) => ({ value: `${s.id}|${r.source}|${r.sourceRecordId}`, side: s, record: r })));
  const picked = options.find((o) => o.value === choice) ?? options[0];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!picked) return;
    setError(null);
    try {
      const records = [{ source: picked.record.source, sourceRecordId: picked.record.sourceRecordId }];
      setResult((await request(PreviewSplitDocument, { id: picked.side.id, records, target })).previewSplit);
    } catch (e) {
      setError(asApiError(e));
      setResult(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="split-preview">
      <h3 id="split-preview">Split preview</h3>
      {options.length === 0 ? (
        <p className="muted">Each customer has one record: there is nothing to split.</p>
      ) : (
        <form onSubmit={submit}>
          <label>
            Record to move out
            <select value={picked?.value ?? ''} onChange={(e) => setChoice(e.target.value)}>
              {splittable.map((s) => (
                <optgroup key={s.id} label={customerName(s.profile, s.id)}>
                  {s.records.map((r) => <option key={recordLabel(r)} value={`${s.id}|${r.source}|${r.sourceRecordId}`}>{recordLabel(r)}</option>)}
                </optgroup>
              ))}
            </select>
          </label>
          <label>
            Where it goes
            <select value={target} onChange={(e) => setTarget(e.target.value as SplitTarget)}>
              <option value="NEW_CUSTOMER">A new customer</option>
              <option value="EARLIER_CUSTOMER">The customer it was in before its merge</option>
            </select>
          </label>
          <button type="submit" disabled={!picked}>Preview split</button>
        </form>
      )}
      <Failure error={error} />
      {result && (
        <table aria-label="Split preview: the customers after the split" data-testid="split-preview">
          <thead>
            <tr>
              <th scope="col">Attribute</th>
              <th scope="col">Stays: <span className="id">{result.from.id}</span></th>
              {result.to.map((t, i) => <th scope="col" key={`${t.id}|${i}`}>Moves to: <span className="id">{t.id}</span></th>)}
            </tr>
          </thead>
          <tbody>
            {attributes.map((attr) => (
              <tr key={attr.key}>
                <th scope="row">{attr.label}</th>
                <td><Values values={attr.values(result.from.profile)} /></td>
                {result.to.map((t, i) => <td key={`${t.id}|${i}`}><Values values={attr.values(t.profile)} /></td>)}
              </tr>
            ))}
            <tr>
              <th scope="row">Source records</th>
              <td><Values values={result.from.records.map(recordLabel)} /></td>
              {result.to.map((t, i) => <td key={`${t.id}|${i}`}><Values values={t.records.map(recordLabel)} /></td>)}
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
