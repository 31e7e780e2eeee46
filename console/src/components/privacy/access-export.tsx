import { useEffect, useState } from 'react';
import { asApiError, request, type ApiError } from '../../api.ts';
import type { PrivacyDeskExportMutation } from '../../gql/graphql.ts';
import { Failure, when } from '../status.tsx';
import { ExportDocument } from './documents.ts';

type Exported = PrivacyDeskExportMutation['exportPersonalData'];

/** The sections of an access export and how many items each holds. */
function sectionsOf(document: unknown): Array<[string, number]> {
  const sections = (document as { sections?: Record<string, unknown> } | null)?.sections ?? {};
  return Object.entries(sections).map(([name, items]) => [name, Array.isArray(items) ? items.length : items && typeof items === 'object' ? Object.keys(items).length : 0]);
}

/**
 * Access and portability: the export completes the request, so the document is kept here
 * (in memory, never in storage) to download; another copy needs another request.
 */
export function AccessExport({ requestId, canExport, onDone }: { requestId: string; canExport: boolean; onDone: () => void }) {
  const [result, setResult] = useState<Exported | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!result) return;
    const href = URL.createObjectURL(new Blob([JSON.stringify(result.document, null, 2)], { type: 'application/json' }));
    setUrl(href);
    return () => {
      setUrl(null);
      URL.revokeObjectURL(href);
    };
  }, [result]);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult((await request(ExportDocument, { requestId })).exportPersonalData);
      onDone();
    } catch (e) {
      setError(asApiError(e));
    }
    setBusy(false);
  };

  const sections = result ? sectionsOf(result.document) : [];
  const nonEmpty = sections.filter(([, n]) => n > 0);
  return (
    <section aria-labelledby="export-heading">
      <h3 id="export-heading">Access export</h3>
      {!result && (
        <>
          <p className="muted">One JSON document with everything held about the person. Exporting completes the request.</p>
          <button type="button" className="primary" onClick={() => void run()} disabled={!canExport || busy}>{busy ? 'Exporting…' : 'Export personal data'}</button>
          {!canExport && <p className="hint muted">Verify the requester first.</p>}
        </>
      )}
      <Failure error={error} />
      {result && (
        <div role="status">
          <p className="ok">Exported {when(result.generatedAt)} for customer <code>{result.customerId}</code>. The request is completed: download the document now.</p>
          {url && <p><a className="button" href={url} download={`access-export-${result.requestId}.json`}>Download the export (JSON)</a></p>}
          <p>{nonEmpty.length} of {sections.length} sections hold data, {nonEmpty.reduce((s, [, n]) => s + n, 0)} items in all.</p>
          <table aria-label="Export sections">
            <thead><tr><th>Section</th><th>Items</th></tr></thead>
            <tbody>{sections.map(([name, n]) => <tr key={name} className={n === 0 ? 'muted' : undefined}><td>{name}</td><td>{n}</td></tr>)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
