import { useEffect, useState, type FormEvent } from 'react';
import { asApiError, request, useQuery, type ApiError } from '../api.ts';
import { Failure, Loading, money, when } from '../components/status.tsx';
import { graphql } from '../gql/index.ts';
import type { AgentSearchQuery, VerifyCallerMutation } from '../gql/graphql.ts';
import { href, navigate } from '../route.ts';

const SearchDocument = graphql(`
  query AgentSearch($q: String!) {
    searchCustomers(query: $q, first: 20) {
      edges {
        score
        matchedOn { field how }
        node { id profile { fullName { value } } summary { openTicketCount lastInteractionAt } }
      }
    }
  }
`);

// Account, customer and loyalty numbers are identifiers, looked up exactly as ingestion normalizes them.
const NumberDocument = graphql(`
  query AgentNumberLookup($type: IdentifierType!, $value: String!) {
    customersByIdentifier(type: $type, value: $value, first: 5) { customers { id profile { fullName { value } } summary { openTicketCount lastInteractionAt } } }
  }
`);

const CustomerDocument = graphql(`
  query AgentCustomer($id: ID!) {
    customer(id: $id) {
      id
      redirected
      profile {
        fullName { value }
        dateOfBirth { value }
        emails { value preferred }
        phones { value preferred }
        addresses { value preferred }
        recordCount
      }
      summary { openTicketCount orderCount lifetimeValue { currency amount } lastOrderAt lastEmailEngagementAt }
      tickets: timeline(first: 10, types: [TICKET]) { edges { node { source sourceId occurredAt status category subtype channel } } }
      activity: timeline(first: 15, types: [ORDER, EMAIL_EVENT]) { edges { node { source type sourceId occurredAt status subtype channel currency total reference } } }
    }
  }
`);

const VerifyDocument = graphql(`
  mutation VerifyCaller($id: ID!, $answers: VerifyCallerAnswers!) {
    verifyCaller(customerId: $id, answers: $answers) { status verified locked matched required attemptsLeft unlockedUntil lockedUntil }
  }
`);

type Hit = { id: string; name: string | null; why: string[]; openTickets: number; last: string | null };
const numberTypes = [['ACCOUNT_NUMBER', 'account number'], ['CUSTOMER_NUMBER', 'customer number'], ['LOYALTY_NUMBER', 'loyalty number']] as const;
const fieldLabel: Record<string, string> = { NAME: 'name', EMAIL: 'e-mail', PHONE: 'phone', POSTCODE: 'postcode', DATE_OF_BIRTH: 'date of birth' };
const howLabel: Record<string, string> = { EXACT: 'exact', FUZZY: 'close spelling', NICKNAME: 'nickname', PHONETIC: 'sounds alike' };

type Edge = AgentSearchQuery['searchCustomers']['edges'][number];
const hitOf = (e: Edge): Hit => ({
  id: e.node.id, name: e.node.profile?.fullName?.value ?? null, why: e.matchedOn.map((m) => `${fieldLabel[m.field] ?? m.field} (${howLabel[m.how] ?? m.how})`),
  openTickets: e.node.summary.openTicketCount, last: e.node.summary.lastInteractionAt ?? null,
});

async function findCustomers(text: string): Promise<Hit[]> {
  const hits = new Map<string, Hit>();
  // A value with digits and no spaces may be an account or loyalty number as well as a phone.
  const mayBeNumber = /\d/.test(text) && !/\s/.test(text.trim()) && !text.includes('@');
  const [search, ...numbers] = await Promise.all([
    request(SearchDocument, { q: text }),
    ...(mayBeNumber ? numberTypes.map(([type]) => request(NumberDocument, { type, value: text.trim() }).catch(() => null)) : []),
  ]);
  numbers.forEach((found, i) => {
    for (const c of found?.customersByIdentifier.customers ?? []) {
      hits.set(c.id, { id: c.id, name: c.profile?.fullName?.value ?? null, why: [`${numberTypes[i]![1]} (exact)`], openTickets: c.summary.openTicketCount, last: c.summary.lastInteractionAt ?? null });
    }
  });
  for (const edge of search.searchCustomers.edges) {
    const hit = hitOf(edge);
    const known = hits.get(hit.id);
    hits.set(hit.id, known ? { ...known, why: [...known.why, ...hit.why] } : hit);
  }
  return [...hits.values()];
}

function Search() {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setHits(await findCustomers(text));
    } catch (e) {
      setError(asApiError(e));
      setHits(null);
    }
    setBusy(false);
  };
  return (
    <section aria-labelledby="find">
      <h2 id="find">Find a customer</h2>
      <form role="search" onSubmit={submit}>
        <label>
          Phone, e-mail, name, account or loyalty number
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} size={40} maxLength={200} autoFocus />
        </label>
        <button type="submit" className="primary" disabled={busy}>Search</button>
      </form>
      <Failure error={error} />
      {hits && (
        <>
          <p aria-live="polite">{hits.length === 0 ? 'No customer matches.' : `${hits.length} customer${hits.length === 1 ? '' : 's'} found.`}</p>
          {hits.length > 0 && (
            <table aria-label="Search results">
              <thead><tr><th>Customer</th><th>Matched on</th><th>Open tickets</th><th>Last contact</th></tr></thead>
              <tbody>
                {hits.map((h) => (
                  <tr key={h.id}>
                    <td><a href={href('agent', h.id)}>{h.name ?? h.id}</a><div className="muted">{h.id}</div></td>
                    <td>{h.why.map((w) => <span key={w} className="tag">{w}</span>)}</td>
                    <td>{h.openTickets}</td>
                    <td>{when(h.last)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

const factorLabel: Record<string, string> = { DATE_OF_BIRTH: 'date of birth', POSTCODE: 'postcode', LAST_FOUR_OF_PHONE: 'last four digits of phone', EMAIL: 'e-mail' };

function VerifyPanel({ customerId, onUnlocked }: { customerId: string; onUnlocked: () => void }) {
  const [answers, setAnswers] = useState({ dateOfBirth: '', postcode: '', lastFourOfPhone: '', email: '' });
  const [outcome, setOutcome] = useState<VerifyCallerMutation['verifyCaller'] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const given = Object.fromEntries(Object.entries(answers).filter(([, v]) => v.trim() !== ''));
    try {
      const result = (await request(VerifyDocument, { id: customerId, answers: given })).verifyCaller;
      setOutcome(result);
      if (result.verified) onUnlocked();
    } catch (e) {
      setError(asApiError(e));
    }
  };
  const field = (key: keyof typeof answers, label: string, extra: Record<string, string> = {}) => (
    <label>
      {label}
      <input value={answers[key]} onChange={(e) => setAnswers({ ...answers, [key]: e.target.value })} maxLength={200} autoComplete="off" {...extra} />
    </label>
  );
  return (
    <section className="panel" aria-labelledby="verify">
      <h2 id="verify">Verify caller</h2>
      <p className="muted">Ask the caller; contact details unlock when enough answers match.</p>
      <form onSubmit={submit}>
        {field('dateOfBirth', 'Date of birth', { placeholder: 'YYYY-MM-DD' })}
        {field('postcode', 'Postcode')}
        {field('lastFourOfPhone', 'Last four of phone', { inputMode: 'numeric' })}
        {field('email', 'E-mail')}
        <button type="submit" className="primary" disabled={outcome?.locked === true}>Verify</button>
      </form>
      <Failure error={error} />
      {outcome && (
        <div role="status" aria-live="polite">
          {outcome.verified ? (
            <p className="ok">Verified: contact details unlocked until {when(outcome.unlockedUntil)}.</p>
          ) : outcome.locked ? (
            <p className="error">Locked: too many failed attempts. Try again after {when(outcome.lockedUntil)}.</p>
          ) : (
            <p className="error">Not verified: {outcome.matched.length} of {outcome.required} needed answers matched.</p>
          )}
          <p>
            Matched: {outcome.matched.length ? outcome.matched.map((f) => factorLabel[f] ?? f).join(', ') : 'none'} · Attempts left: <strong>{outcome.attemptsLeft}</strong>
          </p>
        </div>
      )}
    </section>
  );
}

function CustomerView({ id }: { id: string }) {
  const { data, error, loading, refetch } = useQuery(CustomerDocument, { id });
  const c = data?.customer;
  useEffect(() => {
    if (c && c.id !== id) navigate('agent', c.id);
  }, [c, id]);
  if (loading && !data) return <Loading what="the customer" />;
  if (error) return <Failure error={error} />;
  if (!c) return <p role="alert">No customer has the id {id}.</p>;
  const p = c.profile;
  return (
    <div>
      <p><a href={href('agent')}>← Back to search</a></p>
      <h2>{p?.fullName?.value ?? c.id}</h2>
      <p className="muted">{c.id}{c.redirected ? ' (merged: showing the surviving customer)' : ''} · {p?.recordCount ?? 0} source records · <a href={href('graph', c.id)}>identity graph</a></p>
      <div className="grid">
        <section className="panel" aria-labelledby="golden">
          <h3 id="golden">Golden record</h3>
          <dl className="facts" data-testid="contact-details">
            <dt>Date of birth</dt><dd>{p?.dateOfBirth?.value ?? '—'}</dd>
            <dt>E-mail</dt><dd>{p?.emails.map((e) => <div key={e.value}>{e.value}{e.preferred ? ' (preferred)' : ''}</div>) ?? '—'}</dd>
            <dt>Phone</dt><dd>{p?.phones.map((e) => <div key={e.value}>{e.value}{e.preferred ? ' (preferred)' : ''}</div>) ?? '—'}</dd>
            <dt>Address</dt><dd>{p?.addresses.map((e) => <div key={e.value}>{e.value}</div>) ?? '—'}</dd>
          </dl>
          <h3>Summary</h3>
          <dl className="facts">
            <dt>Open tickets</dt><dd>{c.summary.openTicketCount}</dd>
            <dt>Orders</dt><dd>{c.summary.orderCount} (last {when(c.summary.lastOrderAt)})</dd>
            <dt>Lifetime value</dt><dd>{c.summary.lifetimeValue.map((m) => money(m.amount, m.currency)).join(', ') || '—'}</dd>
          </dl>
        </section>
        <VerifyPanel customerId={c.id} onUnlocked={refetch} />
      </div>
      <div className="grid">
        <section aria-labelledby="tickets">
          <h3 id="tickets">Tickets</h3>
          {c.tickets.edges.length === 0 ? <p className="muted">No tickets.</p> : (
            <table>
              <thead><tr><th>Opened</th><th>Status</th><th>Category</th><th>Source</th></tr></thead>
              <tbody>{c.tickets.edges.map(({ node: t }) => (
                <tr key={`${t.source}|${t.sourceId}`}><td>{when(t.occurredAt)}</td><td><span className={`tag ${t.status === 'closed' || t.status === 'solved' ? '' : 'warn'}`}>{t.status ?? '—'}</span></td><td>{t.category ?? t.subtype ?? '—'}</td><td>{t.source}</td></tr>
              ))}</tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="timeline">
          <h3 id="timeline">Orders and e-mails</h3>
          {c.activity.edges.length === 0 ? <p className="muted">No orders or e-mails.</p> : (
            <ol className="timeline">
              {c.activity.edges.map(({ node: i }) => (
                <li key={`${i.source}|${i.type}|${i.sourceId}`}>
                  <strong>{i.type === 'order' || i.type === 'ORDER' ? 'Order' : 'E-mail'}</strong> {i.subtype ?? i.status ?? ''} · {when(i.occurredAt)}
                  {i.total != null && <> · {money(i.total, i.currency)}</>} <span className="muted">({i.source}{i.channel ? `, ${i.channel}` : ''})</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}

export default function AgentDesk({ params }: { params: string[] }) {
  const id = params[0];
  return (
    <>
      <h1>Agent desk</h1>
      {id ? <CustomerView id={id} /> : <Search />}
    </>
  );
}
