import { useEffect, useState, type FormEvent } from 'react';
import { asApiError, request, type ApiError } from '../api.ts';
import { EdgeEvidence } from '../components/graph/evidence-panel.tsx';
import { GraphCanvas } from '../components/graph/graph-canvas.tsx';
import { edgeId, edgeLabels, IdentityGraphDocument, kinds, mergeGraphs, type Graph, type GraphEdge, type GraphNode } from '../components/graph/graph-data.ts';
import { Failure, Loading } from '../components/status.tsx';
import { href, navigate } from '../route.ts';
import './identity-graph.css';

const expandable = (n: GraphNode) => n.kind === 'CUSTOMER' && n.ref !== null;

function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      {Object.entries(kinds).map(([kind, k]) => (
        <li key={kind}><span className="swatch" style={{ background: k.colour }} aria-hidden="true" />{k.label}</li>
      ))}
      <li><span className="swatch hub" aria-hidden="true" />Hub identifier (drawn, not followed)</li>
    </ul>
  );
}

function GraphView({ customerId }: { customerId: string }) {
  const [depth, setDepth] = useState(1);
  const [graph, setGraph] = useState<Graph | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState<{ node?: GraphNode; edge?: GraphEdge } | null>(null);
  const [expanding, setExpanding] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setGraph(null);
    setError(null);
    setSelected(null);
    request(IdentityGraphDocument, { id: customerId, depth }).then(
      (data) => live && setGraph(data.identityGraph),
      (e: unknown) => live && setError(asApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [customerId, depth]);

  // A click on a customer draws its own neighbourhood into the picture.
  const expand = async (node: GraphNode) => {
    setSelected({ node });
    if (!expandable(node) || !graph) return;
    setExpanding(node.id);
    try {
      const more = (await request(IdentityGraphDocument, { id: node.ref!, depth: 1 })).identityGraph;
      setGraph((g) => (g ? mergeGraphs(g, more) : more));
    } catch (e) {
      setError(asApiError(e));
    }
    setExpanding(null);
  };

  if (error) return <Failure error={error} />;
  if (!graph) return <Loading what="the identity graph" />;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return (
    <>
      <div className="row">
        <label className="inline">
          Depth
          <select value={depth} onChange={(e) => setDepth(Number(e.target.value))}>
            <option value={1}>1: this customer and its neighbours</option>
            <option value={2}>2: the neighbours expanded</option>
            <option value={3}>3</option>
          </select>
        </label>
        <p data-testid="graph-counts" aria-live="polite">{graph.nodes.length} nodes, {graph.edges.length} edges{graph.truncated ? ' (cut short at the node limit)' : ''}{expanding ? ' · expanding…' : ''}</p>
        <a href={href('agent', customerId)}>Open in the agent desk</a>
      </div>
      <Legend />
      <div className="graph-layout">
        <GraphCanvas graph={graph} root={customerId} onNode={expand} onEdge={(edge) => setSelected({ edge })} />
        <aside className="panel" aria-live="polite" aria-labelledby="selection">
          <h2 id="selection">Selection</h2>
          {!selected && <p className="muted">Click a node to expand a customer, or an edge to see its evidence.</p>}
          {selected?.node && (
            <dl className="facts">
              <dt>Kind</dt><dd>{kinds[selected.node.kind]?.label}</dd>
              <dt>Label</dt><dd>{selected.node.label}</dd>
              {selected.node.hub && (<><dt>Hub</dt><dd>shared by more records than resolution links by</dd></>)}
              {selected.node.ref && (<><dt>Id</dt><dd>{selected.node.ref}</dd></>)}
            </dl>
          )}
          {selected?.edge && <EdgeEvidence edge={selected.edge} graph={graph} />}
        </aside>
      </div>
      <details>
        <summary>Nodes ({graph.nodes.length}) and edges ({graph.edges.length}) as tables</summary>
        <table aria-label="Nodes">
          <thead><tr><th>Kind</th><th>Label</th><th>Expand</th></tr></thead>
          <tbody>
            {graph.nodes.map((n) => (
              <tr key={n.id}>
                <td>{kinds[n.kind]?.label ?? n.kind}</td>
                <td>{n.label}{n.hub && <span className="tag warn">hub</span>}</td>
                <td>{expandable(n) && <button type="button" onClick={() => void expand(n)}>Expand {n.label}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table aria-label="Edges">
          <thead><tr><th>From</th><th>Relation</th><th>To</th><th>Evidence</th></tr></thead>
          <tbody>
            {graph.edges.map((e) => (
              <tr key={edgeId(e)}>
                <td>{byId.get(e.from)?.label}</td><td>{edgeLabels[e.kind] ?? e.kind}</td><td>{byId.get(e.to)?.label}</td>
                <td><button type="button" onClick={() => setSelected({ edge: e })}>Evidence</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

export default function IdentityGraphPage({ params }: { params: string[] }) {
  const [id, setId] = useState(params[0] ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (id.trim()) navigate('graph', id.trim());
  };
  return (
    <>
      <h1>Identity graph</h1>
      <form onSubmit={submit}>
        <label>
          Customer id
          <input value={id} onChange={(e) => setId(e.target.value)} placeholder="cus_…" maxLength={128} />
        </label>
        <button type="submit" className="primary">Draw</button>
      </form>
      {params[0] ? <GraphView key={params[0]} customerId={params[0]} /> : <p className="muted">Enter a customer id, or open one from the agent desk.</p>}
    </>
  );
}
