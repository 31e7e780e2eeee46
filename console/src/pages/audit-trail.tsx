import { useState, type FormEvent } from 'react';
import { useQuery } from '../api.ts';
import { AccessLog } from '../components/audit/access-log.tsx';
import { AttributeHistory } from '../components/audit/attribute-history.tsx';
import { ChainStatus } from '../components/audit/chain-status.tsx';
import { Decisions } from '../components/audit/decisions.tsx';
import { MergeTimeline } from '../components/audit/merge-timeline.tsx';
import { Failure, Loading } from '../components/status.tsx';
import { graphql } from '../gql/index.ts';
import { href, navigate } from '../route.ts';
import './audit-trail.css';

// Ids only, no profile: looking a customer up here reads nothing personal and leaves no read in the access log.
const CustomerDocument = graphql(`
  query AuditTrailCustomer($id: ID!) {
    customer(id: $id) { id requestedId redirected status }
  }
`);

function CustomerForm({ current }: { current: string }) {
  const [text, setText] = useState(current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = text.trim();
    if (id) navigate('audit', id);
  };
  return (
    <form role="search" aria-label="Customer's trail" onSubmit={submit}>
      <label>
        Customer id
        <input value={text} onChange={(e) => setText(e.target.value)} size={34} maxLength={100} placeholder="cus_…" spellCheck={false} autoComplete="off" autoFocus={!current} />
      </label>
      <button type="submit" className="primary">Open trail</button>
    </form>
  );
}

function CustomerTrail({ id }: { id: string }) {
  const customer = useQuery(CustomerDocument, { id });
  if (customer.loading && !customer.data) return <Loading what="the customer" />;
  if (customer.error) return <Failure error={customer.error} />;
  const c = customer.data?.customer;
  if (!c) return <p role="alert">No customer has the id {id}.</p>;
  return (
    <>
      <p className="muted customer-line">
        Trail of <code>{id}</code>
        {c.redirected && <> · merged into <a href={href('audit', c.id)}><code>{c.id}</code></a>, the surviving customer</>}
        {' · '}<a href={href('graph', c.id)}>identity graph</a>
      </p>
      <div className="audit-columns">
        <MergeTimeline customerId={id} />
        <Decisions customerId={id} />
      </div>
      <AttributeHistory customerId={id} />
      <AccessLog customerId={id} />
    </>
  );
}

/** The auditor's trail: is the audit chain intact, and how a customer came to be, changed and was read. */
export default function AuditTrail({ params }: { params: string[] }) {
  const id = params[0] ?? '';
  return (
    <div className="audit">
      <h1>Auditor's trail</h1>
      <ChainStatus />
      <CustomerForm key={`form:${id}`} current={id} />
      {id ? <CustomerTrail key={`trail:${id}`} id={id} /> : <p className="muted">Enter a customer id to see its merge path, attribute history and who read it.</p>}
    </div>
  );
}
