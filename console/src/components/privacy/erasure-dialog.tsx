import { useEffect, useRef, useState } from 'react';
import { asApiError, request, useQuery, type ApiError } from '../../api.ts';
import type { PrivacyDeskEraseMutation } from '../../gql/graphql.ts';
import { Failure, Loading } from '../status.tsx';
import { EraseDocument, ErasureScopeDocument } from './documents.ts';

type Report = PrivacyDeskEraseMutation['erasePerson'];

const countBy = <T,>(items: readonly T[], key: (t: T) => string) => [...items.reduce((m, t) => m.set(key(t), (m.get(key(t)) ?? 0) + 1), new Map<string, number>())];

/**
 * Erasure's confirmation: a modal dialog that names what goes (the customer, its records by
 * source and id, how many identifiers and interactions), read from the API before the
 * officer confirms by typing the customer id.
 */
export function ErasureDialog({ requestId, customerId, onClose, onErased }: { requestId: string; customerId: string; onClose: () => void; onErased: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const scope = useQuery(ErasureScopeDocument, { id: customerId });
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<Report | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  // Focus goes into the dialog, to what the officer does first: read, then type the id.
  useEffect(() => {
    if (scope.data) input.current?.focus();
  }, [scope.data]);

  const c = scope.data?.customer;
  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = (await request(EraseDocument, { requestId })).erasePerson;
      setReport(result);
      if (result.complete) onErased();
    } catch (e) {
      setError(asApiError(e));
    }
    setBusy(false);
  };
  const confirmed = typed.trim() === customerId;

  return (
    <dialog ref={dialog} className="erasure-dialog" aria-labelledby="erase-title" aria-describedby="erase-what" onCancel={(e) => { e.preventDefault(); if (!busy) onClose(); }}>
      <h2 id="erase-title" tabIndex={-1}>Erase customer {customerId}?</h2>
      {scope.loading && !scope.data && <Loading what="what will be erased" />}
      <Failure error={scope.error} />
      {report ? (
        <div role="status">
          <p className={report.complete ? 'ok' : 'error'}>{report.complete ? 'Erased: nothing of the person is left.' : 'Not finished: a step remains. Run the erasure again.'}</p>
          <dl className="facts">
            <dt>Customers</dt><dd>{report.customers}</dd>
            <dt>Source records</dt><dd>{report.records}</dd>
            <dt>Identifiers deleted</dt><dd>{report.identifierCount}</dd>
            <dt>Shared identifiers kept (unlinked)</dt><dd>{report.sharedIdentifierCount}</dd>
            <dt>Interactions</dt><dd>{report.interactions}</dd>
            <dt>Tombstone keys</dt><dd>{report.tombstoneKeys}</dd>
            <dt>Audit entries redacted</dt><dd>{report.auditEntriesRedacted}</dd>
            <dt>Older audit entries not redactable</dt><dd>{report.legacyAuditEntries}</dd>
          </dl>
          <div className="row">
            {!report.complete && <button type="button" className="danger" onClick={() => void erase()} disabled={busy}>Run the erasure again</button>}
            <button type="button" onClick={onClose} autoFocus>Close</button>
          </div>
        </div>
      ) : scope.data && (
        <>
          <div id="erase-what">
            {c ? (
              <>
                <p>
                  This permanently deletes customer <code>{c.id}</code>
                  {c.redirected ? <> (the request named <code>{c.requestedId}</code>, merged into it)</> : null} and every customer merged into it:
                </p>
                <ul>
                  <li><strong>{c.records.length}</strong> source record{c.records.length === 1 ? '' : 's'}, listed below;</li>
                  <li><strong>{c.identifiers.length}</strong> identifier{c.identifiers.length === 1 ? '' : 's'} ({countBy(c.identifiers, (i) => i.type).map(([t, n]) => `${n} ${t}`).join(', ') || 'none'}): any that another person also holds is kept, only unlinked from this customer;</li>
                  <li><strong>{c.summary.interactionCount}</strong> interaction{c.summary.interactionCount === 1 ? '' : 's'} (orders, tickets, e-mails, web events);</li>
                  <li>its golden record, history, lineage, consent and suppression entries. Audit entries naming the person are redacted; a tombstone holds back re-imports.</li>
                </ul>
                <table aria-label="Source records to be deleted">
                  <thead><tr><th>Source</th><th>Record id</th></tr></thead>
                  <tbody>{c.records.map((r) => <tr key={`${r.source}|${r.sourceRecordId}`}><td>{r.source}</td><td><code>{r.sourceRecordId}</code></td></tr>)}</tbody>
                </table>
              </>
            ) : (
              <p>No customer has this id any more: running the erasure finishes any step an earlier run left.</p>
            )}
          </div>
          <form onSubmit={(e) => { e.preventDefault(); if (confirmed) void erase(); }}>
            <label>
              Type the customer id to confirm
              <input ref={input} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} placeholder={customerId} />
            </label>
            <div className="row">
              <button type="submit" className="danger" disabled={!confirmed || busy}>{busy ? 'Erasing…' : 'Erase permanently'}</button>
              <button type="button" onClick={onClose} disabled={busy}>Cancel</button>
            </div>
          </form>
        </>
      )}
      <Failure error={error} />
    </dialog>
  );
}
