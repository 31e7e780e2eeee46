import { useState, type FormEvent } from 'react';
import { asApiError, request, type ApiError } from '../../api.ts';
import type { PrivacyDeskFindQuery, PrivacyRequestKind } from '../../gql/graphql.ts';
import { Failure } from '../status.tsx';
import { FindCustomerDocument, kindLabel, OpenDocument } from './documents.ts';

const kinds = Object.entries(kindLabel) as Array<[PrivacyRequestKind, string]>;

/** Finds the customer a letter or e-mail is about, so the request names the right id. */
function FindCustomer({ onPick }: { onPick: (id: string) => void }) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<PrivacyDeskFindQuery['searchCustomers']['edges'] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const find = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setError(null);
    try {
      setHits((await request(FindCustomerDocument, { q: text.trim() })).searchCustomers.edges);
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <details>
      <summary>Find the customer id</summary>
      <form role="search" onSubmit={find}>
        <label>
          Name, e-mail or phone
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={200} autoComplete="off" />
        </label>
        <button type="submit">Find</button>
      </form>
      <Failure error={error} />
      {hits && (hits.length === 0 ? <p className="muted">No customer matches.</p> : (
        <ul className="plain">
          {hits.map(({ node }) => (
            <li key={node.id}>
              <button type="button" onClick={() => onPick(node.id)}>Use {node.id}</button> {node.profile?.fullName?.value ?? ''} <span className="muted">({node.profile?.recordCount ?? 0} records)</span>
            </li>
          ))}
        </ul>
      ))}
    </details>
  );
}

/** Opens a request: who it is about, what is asked, and when it was received (due 30 days later). */
export function OpenRequest({ onOpened }: { onOpened: (id: string) => void }) {
  const [customerId, setCustomerId] = useState('');
  const [kind, setKind] = useState<PrivacyRequestKind>('ACCESS');
  const [receivedOn, setReceivedOn] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const receivedAt = receivedOn ? new Date(`${receivedOn}T09:00:00Z`).toISOString() : null;
      const opened = await request(OpenDocument, { kind, customerId: customerId.trim(), receivedAt, note: note.trim() || null });
      setCustomerId('');
      setNote('');
      setReceivedOn('');
      onOpened(opened.openPrivacyRequest.id);
    } catch (e) {
      setError(asApiError(e));
    }
    setBusy(false);
  };
  return (
    <section className="panel" aria-labelledby="open-heading">
      <h2 id="open-heading">Open a request</h2>
      <form onSubmit={submit} className="stacked">
        <label>
          Customer id
          <input value={customerId} onChange={(e) => setCustomerId(e.target.value)} required maxLength={100} autoComplete="off" placeholder="cus_…" />
        </label>
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as PrivacyRequestKind)}>
            {kinds.map(([k, text]) => <option key={k} value={k}>{text}</option>)}
          </select>
        </label>
        <label>
          Received on (blank: today)
          <input type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} max={new Date().toISOString().slice(0, 10)} />
        </label>
        <label>
          Note (a channel or case number, never personal values)
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} autoComplete="off" />
        </label>
        <button type="submit" className="primary" disabled={busy || !customerId.trim()}>Open request</button>
      </form>
      <FindCustomer onPick={setCustomerId} />
      <Failure error={error} />
    </section>
  );
}
