import { useState } from 'react';
import { asApiError, request, type ApiError } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import type { StewardResolvePreviewQuery } from '../../gql/graphql.ts';
import { Failure } from '../status.tsx';

const ResolvePreviewDocument = graphql(`
  query StewardResolvePreview {
    previewResolveAll {
      records modelVersion customersBefore customersAfter merged split grown unchanged newCustomers links reviews
      heldBack { clusterSizeLimit weakBridge }
      sizes { median p90 p99 largest }
      largest { customerId records fromCustomers }
      refusals
    }
  }
`);

type Preview = StewardResolvePreviewQuery['previewResolveAll'];
const n = (x: number) => x.toLocaleString('en-GB');

/** A dry run of re-resolution (previewResolveAll): it reads every record, so it runs when asked, not on every visit. */
export function ResolvePreview() {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setPreview((await request(ResolvePreviewDocument, {})).previewResolveAll);
    } catch (e) {
      setError(asApiError(e));
    }
    setBusy(false);
  };
  return (
    <section className="panel" aria-labelledby="resolve-preview">
      <h2 id="resolve-preview">Re-resolution dry run</h2>
      <p className="muted">What re-resolving every record with the model in use would change now. Nothing is written.</p>
      <button type="button" onClick={() => void run()} disabled={busy} aria-busy={busy}>{preview ? 'Run the dry run again' : 'Run a dry run'}</button>
      <Failure error={error} />
      {preview && (
        <div data-testid="resolve-preview" aria-live="polite">
          <dl className="facts">
            <dt>Model</dt><dd>{preview.modelVersion}</dd>
            <dt>Records</dt><dd>{n(preview.records)}</dd>
            <dt>Customers</dt><dd>{n(preview.customersBefore)} → {n(preview.customersAfter)}</dd>
            <dt>Merged away</dt><dd>{n(preview.merged)}</dd>
            <dt>Split</dt><dd>{n(preview.split)}</dd>
            <dt>Grown</dt><dd>{n(preview.grown)}</dd>
            <dt>Unchanged</dt><dd>{n(preview.unchanged)}</dd>
            <dt>New customers</dt><dd>{n(preview.newCustomers)}</dd>
            <dt>Links</dt><dd>{n(preview.links)}</dd>
            <dt>Reviews after</dt><dd>{n(preview.reviews)} (held back: {n(preview.heldBack.clusterSizeLimit)} by size, {n(preview.heldBack.weakBridge)} weak bridges)</dd>
            <dt>Records per customer</dt><dd>median {preview.sizes.median}, p90 {preview.sizes.p90}, p99 {preview.sizes.p99}, largest {preview.sizes.largest}</dd>
            <dt>Largest after</dt>
            <dd>{preview.largest.slice(0, 3).map((c, i) => <div key={c.customerId ?? `new-${i}`}>{c.customerId ?? 'a new customer'}: {c.records} record{c.records === 1 ? '' : 's'} from {c.fromCustomers} customer{c.fromCustomers === 1 ? '' : 's'}</div>)}</dd>
          </dl>
          {preview.refusals.length > 0 ? (
            <>
              <p className="error">It would be refused without force:</p>
              <ul>{preview.refusals.map((r) => <li key={r}>{r}</li>)}</ul>
            </>
          ) : (
            <p className="ok">Within the bounds: it would go ahead.</p>
          )}
        </div>
      )}
    </section>
  );
}
