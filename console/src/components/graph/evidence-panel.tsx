import { useEffect, useState, type ReactNode } from 'react';
import { asApiError, request, type ApiError } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import { href } from '../../route.ts';
import { Failure, Loading, when } from '../status.tsx';
import { edgeLabels, kinds, type Graph, type GraphEdge, type GraphNode } from './graph-data.ts';

const ExplainDocument = graphql(`
  query IdentityGraphExplain($a: RecordRef!, $b: RecordRef!) {
    explainMatch(a: $a, b: $b) { decision rule probability sentence stored modelVersion }
  }
`);
const HouseholdDocument = graphql(`
  query IdentityGraphHousehold($id: ID!) {
    customer(id: $id) { id household { id evidence { kind value records } } organisations { id name role sources } }
  }
`);
const LineageDocument = graphql(`
  query IdentityGraphLineage($id: ID!) {
    mergePath(customerId: $id) { id kind at actor role reason records from into }
  }
`);

const refOf = (key: string) => {
  const bar = key.indexOf('|');
  return { source: key.slice(0, bar), sourceRecordId: key.slice(bar + 1) };
};

/** What stands behind an edge, asked of the API for the two ends: a match explanation, a household's shared value, a lineage step. */
function useEvidence(edge: GraphEdge, graph: Graph): { loading: boolean; error: ApiError | null; body: ReactNode } {
  const [state, setState] = useState<{ loading: boolean; error: ApiError | null; body: ReactNode }>({ loading: true, error: null, body: null });
  useEffect(() => {
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const ends = [byId.get(edge.from), byId.get(edge.to)].filter((n): n is GraphNode => n !== undefined);
    const of = (kind: string) => ends.find((n) => n.kind === kind);
    const customer = of('CUSTOMER');
    const load = async (): Promise<ReactNode> => {
      if (edge.kind === 'BELONGS_TO') {
        const record = of('SOURCE_RECORD');
        // The link is explained against another record of the same customer drawn here.
        const sibling = graph.edges
          .filter((e) => e.kind === 'BELONGS_TO' && (e.to === customer?.id || e.from === customer?.id))
          .map((e) => byId.get(e.from === customer?.id ? e.to : e.from))
          .find((n) => n && n.kind === 'SOURCE_RECORD' && n.id !== record?.id && n.ref);
        if (!record?.ref || !sibling?.ref) return <p>The customer&apos;s only record drawn here: nothing to compare it with.</p>;
        const x = (await request(ExplainDocument, { a: refOf(record.ref), b: refOf(sibling.ref) })).explainMatch;
        return (
          <dl className="facts">
            <dt>Compared with</dt><dd>{sibling.label}</dd>
            <dt>Decision</dt><dd>{x.decision.toLowerCase()} by {x.rule === 'model' ? `model ${x.modelVersion}` : `rule ${x.rule}`}</dd>
            <dt>Probability</dt><dd>{(x.probability * 100).toFixed(1)}%</dd>
            <dt>Why</dt><dd>{x.sentence}</dd>
            <dt>Evidence</dt><dd>{x.stored ? 'as resolution stored it when it decided' : 'computed now'}</dd>
          </dl>
        );
      }
      if (edge.kind === 'HAS_IDENTIFIER') {
        const identifier = of('IDENTIFIER');
        const carriers = graph.edges.filter((e) => e.kind === 'HAS_IDENTIFIER' && (e.to === identifier?.id || e.from === identifier?.id)).length;
        return (
          <dl className="facts">
            <dt>Identifier</dt><dd>{identifier?.label}</dd>
            <dt>Records carrying it here</dt><dd>{carriers}</dd>
            <dt>Hub</dt><dd>{identifier?.hub ? 'yes: shared by more records than resolution links by, so it links no one' : 'no'}</dd>
          </dl>
        );
      }
      if ((edge.kind === 'MEMBER_OF' || edge.kind === 'AFFILIATED_WITH') && customer?.ref) {
        const c = (await request(HouseholdDocument, { id: customer.ref })).customer;
        if (edge.kind === 'AFFILIATED_WITH') {
          return <ul>{c?.organisations.map((o) => <li key={o.id}>{o.name}: {o.role.toLowerCase().replace('_', ' ')} (from {o.sources.join(', ')})</li>)}</ul>;
        }
        return <ul>{c?.household?.evidence.map((e) => <li key={`${e.kind}${e.value}`}>Shared {e.kind.toLowerCase()}: {e.value} ({e.records.length} records)</li>) ?? <li>No household.</li>}</ul>;
      }
      const event = of('LINEAGE_EVENT');
      if (event?.ref && customer?.ref) {
        const step = (await request(LineageDocument, { id: customer.ref })).mergePath.find((s) => s.id === event.ref);
        if (!step) return <p>This event is on another customer&apos;s merge path.</p>;
        return (
          <dl className="facts">
            <dt>Event</dt><dd>{step.kind.toLowerCase()} at {when(step.at)}</dd>
            <dt>By</dt><dd>{step.actor} ({step.role})</dd>
            <dt>Reason</dt><dd>{step.reason ?? '—'}</dd>
            <dt>Records moved</dt><dd>{step.records}</dd>
            <dt>Trail</dt><dd><a href={href('audit', customer.ref)}>the auditor&apos;s trail of this customer</a></dd>
          </dl>
        );
      }
      return <p>No further evidence.</p>;
    };
    let live = true;
    setState({ loading: true, error: null, body: null });
    load().then(
      (body) => live && setState({ loading: false, error: null, body }),
      (error: unknown) => live && setState({ loading: false, error: asApiError(error), body: null }),
    );
    return () => {
      live = false;
    };
  }, [edge, graph]);
  return state;
}

export function EdgeEvidence({ edge, graph }: { edge: GraphEdge; graph: Graph }) {
  const { loading, error, body } = useEvidence(edge, graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const [from, to] = [byId.get(edge.from), byId.get(edge.to)];
  return (
    <>
      <h3>Edge: {from?.label} {edgeLabels[edge.kind] ?? edge.kind} {to?.label}</h3>
      <p className="muted">{kinds[from?.kind ?? '']?.label} → {kinds[to?.kind ?? '']?.label}</p>
      {loading ? <Loading what="the evidence" /> : error ? <Failure error={error} /> : body}
    </>
  );
}
