import { useState, type FormEvent } from 'react';
import { asApiError, request, useQuery, type ApiError } from '../../api.ts';
import type { RequesterVerificationMethod } from '../../gql/graphql.ts';
import { href } from '../../route.ts';
import { Failure, Loading, when } from '../status.tsx';
import { AccessExport } from './access-export.tsx';
import { DecideConsentDocument, ExtendDocument, isOpen, kindLabel, methodLabel, RejectDocument, RequestDocument, RestrictDocument, statusLabel, VerifyDocument, type Request } from './documents.ts';
import { ErasureDialog } from './erasure-dialog.tsx';

const methods = Object.entries(methodLabel) as Array<[RequesterVerificationMethod, string]>;

function VerifyForm({ id, onDone }: { id: string; onDone: () => void }) {
  const [method, setMethod] = useState<RequesterVerificationMethod>('ID_DOCUMENT_SEEN');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await request(VerifyDocument, { id, method, reference: reference.trim() });
      onDone();
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <section aria-labelledby="verify-heading">
      <h3 id="verify-heading">Verify the requester</h3>
      <p className="muted">Nothing is carried out before the requester’s identity is checked. The document itself is never stored: say how, and where the evidence is kept.</p>
      <form onSubmit={submit}>
        <label>
          Method
          <select value={method} onChange={(e) => setMethod(e.target.value as RequesterVerificationMethod)}>
            {methods.map(([m, text]) => <option key={m} value={m}>{text}</option>)}
          </select>
        </label>
        <label>
          Evidence reference (case or ticket number)
          <input value={reference} onChange={(e) => setReference(e.target.value)} required maxLength={200} autoComplete="off" />
        </label>
        <button type="submit" className="primary" disabled={!reference.trim()}>Mark verified</button>
      </form>
      <Failure error={error} />
    </section>
  );
}

/** A step that takes a reason (extend, reject): one small form. */
function ReasonAction({ label, danger, run }: { label: string; danger?: boolean; run: (reason: string) => Promise<unknown> }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await run(reason.trim());
      setReason('');
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <form onSubmit={submit}>
      <label>
        Reason to {label.toLowerCase()} (told to the requester; no personal values)
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoComplete="off" />
      </label>
      <button type="submit" className={danger ? 'danger' : undefined} disabled={!reason.trim()}>{label}</button>
      <Failure error={error} />
    </form>
  );
}

function Carry({ r, verified, onDone }: { r: Request; verified: boolean; onDone: () => void }) {
  const [erasing, setErasing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const act = (fn: () => Promise<unknown>) => async () => {
    setError(null);
    try {
      await fn();
      onDone();
    } catch (e) {
      setError(asApiError(e));
    }
  };
  const open = isOpen(r.status);
  switch (r.kind) {
    case 'ACCESS':
    case 'PORTABILITY':
      return <AccessExport key={r.id} requestId={r.id} canExport={verified && open} onDone={onDone} />;
    case 'ERASURE':
      return (
        <section aria-labelledby="erase-heading">
          <h3 id="erase-heading">Erasure</h3>
          <p className="muted">Deletes the customer, its records, identifiers only they hold and their interactions. You will see what goes before confirming.</p>
          <button type="button" className="danger" onClick={() => setErasing(true)} disabled={!verified || !open}>Erase this customer…</button>
          {!verified && open && <p className="hint muted">Verify the requester first.</p>}
          {erasing && <ErasureDialog requestId={r.id} customerId={r.customerId} onClose={() => setErasing(false)} onErased={onDone} />}
        </section>
      );
    case 'RESTRICTION':
      return (
        <section aria-labelledby="restrict-heading">
          <h3 id="restrict-heading">Restriction</h3>
          <button type="button" className="primary" onClick={act(() => request(RestrictDocument, { requestId: r.id }))} disabled={!verified || !open}>Restrict processing</button>
          <Failure error={error} />
        </section>
      );
    case 'OBJECTION':
    case 'DO_NOT_SELL':
      return (
        <section aria-labelledby="decide-heading">
          <h3 id="decide-heading">Decision</h3>
          <div className="row">
            <button type="button" className="primary" onClick={act(() => request(DecideConsentDocument, { requestId: r.id, decision: 'UPHELD' }))} disabled={!verified || !open}>Uphold</button>
            <button type="button" onClick={act(() => request(DecideConsentDocument, { requestId: r.id, decision: 'DECLINED' }))} disabled={!verified || !open}>Decline</button>
          </div>
          <Failure error={error} />
        </section>
      );
    case 'RECTIFICATION':
      return <p className="muted">Rectification pins the corrected value with this request as its reason: use <code>rectifyPersonalData</code> of the API.</p>;
  }
}

/** One request: where it stands, verification, what carrying it out means for its kind, and its log. */
export function RequestDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { data, error, loading, refetch } = useQuery(RequestDocument, { id });
  const done = () => {
    refetch();
    onChanged();
  };
  if (loading && !data) return <Loading what="the request" />;
  if (error) return <Failure error={error} />;
  const r = data?.privacyRequest;
  if (!r) return <p role="alert">No request has the id {id}.</p>;
  const verified = r.verification !== null && r.verification !== undefined;
  return (
    <section className="panel" aria-labelledby="request-heading">
      <p><a href={href('privacy')}>← All requests</a></p>
      <h2 id="request-heading">{kindLabel[r.kind]} · <code>{r.id}</code></h2>
      <dl className="facts">
        <dt>Customer</dt><dd><code>{r.customerId}</code></dd>
        <dt>Status</dt><dd><span className="tag">{statusLabel[r.status]}</span>{r.consentDecision && <> · {r.consentDecision.toLowerCase()}</>}</dd>
        <dt>Received</dt><dd>{when(r.receivedAt)} (opened by {r.openedBy})</dd>
        <dt>Due</dt><dd className={r.overdue ? 'error' : undefined}>{when(r.dueAt)}{r.overdue && <strong> — overdue</strong>}{r.extensionReason && <> (extended: {r.extensionReason})</>}</dd>
        <dt>Verified</dt><dd>{r.verification ? `${methodLabel[r.verification.method]}, ref. ${r.verification.reference}, by ${r.verification.verifiedBy} ${when(r.verification.verifiedAt)}` : 'Not yet'}</dd>
        {r.closedAt && <><dt>Closed</dt><dd>{when(r.closedAt)}</dd></>}
      </dl>
      {r.status === 'RECEIVED' && <VerifyForm id={r.id} onDone={done} />}
      <Carry r={r} verified={verified} onDone={done} />
      {isOpen(r.status) && (
        <details>
          <summary>Extend or reject</summary>
          {!r.extensionReason && <ReasonAction label="Extend" run={async (reason) => { await request(ExtendDocument, { id: r.id, reason }); done(); }} />}
          <ReasonAction label="Reject" danger run={async (reason) => { await request(RejectDocument, { id: r.id, reason }); done(); }} />
        </details>
      )}
      <h3>Log</h3>
      <ol className="timeline">
        {r.log.map((s, i) => (
          <li key={i}>
            <strong>{s.step}</strong>{s.status && <> → {statusLabel[s.status]}</>} · {when(s.at)} · {s.actor} ({s.role}){s.note && <div className="muted">{s.note}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
