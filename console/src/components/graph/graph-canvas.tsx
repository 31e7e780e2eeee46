import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef } from 'react';
import { edgeId, kinds, type Graph, type GraphEdge, type GraphNode } from './graph-data.ts';

/**
 * The force-directed layout, no animation. Past 100 nodes fewer iterations: a 210-node graph
 * then lays out in a few hundred milliseconds (bench/console/first-interaction.bench.ts).
 */
export const layoutFor = (nodes: number): cytoscape.LayoutOptions =>
  ({ name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: false, numIter: nodes > 100 ? 200 : 600, idealEdgeLength: () => 48 }) as cytoscape.LayoutOptions;

type Props = { graph: Graph; root: string | null; onNode: (node: GraphNode) => void; onEdge: (edge: GraphEdge) => void };

// Every node starts on a circle by its place in the list, so the same graph is laid out the same way on every load.
const start = (i: number, n: number) => {
  const radius = 40 + 12 * Math.sqrt(n);
  return { x: radius * Math.cos((2 * Math.PI * i) / n), y: radius * Math.sin((2 * Math.PI * i) / n) };
};

const elementsOf = (graph: Graph): ElementDefinition[] => [
  ...graph.nodes.map((n, i) => ({
    group: 'nodes' as const,
    position: start(i, graph.nodes.length),
    data: { id: n.id, ref: n.ref, label: n.hub ? `${n.label} (hub)` : n.label, kind: n.kind, colour: kinds[n.kind]?.colour ?? '#57606a', shape: kinds[n.kind]?.shape ?? 'ellipse' },
    classes: n.hub ? 'hub' : '',
  })),
  ...graph.edges.map((e) => ({ group: 'edges' as const, data: { id: edgeId(e), source: e.from, target: e.to, kind: e.kind } })),
];

/**
 * The graph on a Cytoscape canvas. New elements are added in place (an expansion), then laid
 * out again without animation: a few hundred nodes lay out in well under a second.
 */
export function GraphCanvas({ graph, root, onNode, onEdge }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const handlers = useRef({ onNode, onEdge, graph });
  handlers.current = { onNode, onEdge, graph };

  useEffect(() => {
    const instance = cytoscape({
      container: container.current,
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: { 'background-color': 'data(colour)', shape: 'data(shape)' as never, label: 'data(label)', 'font-size': 10, color: '#1b1f24', 'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18 } },
        { selector: 'node[kind = "CUSTOMER"]', style: { width: 30, height: 30, 'font-weight': 'bold' } },
        { selector: 'node.hub', style: { 'border-width': 4, 'border-color': '#9a6700', 'border-style': 'double', width: 26, height: 26 } },
        { selector: 'node.root', style: { 'border-width': 4, 'border-color': '#1b1f24' } },
        { selector: 'node:selected', style: { 'overlay-opacity': 0.2, 'overlay-color': '#0969da' } },
        { selector: 'edge', style: { width: 1.5, 'line-color': '#8c959f', 'target-arrow-color': '#8c959f', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'arrow-scale': 0.7 } },
        { selector: 'edge:selected', style: { width: 4, 'line-color': '#0969da', 'target-arrow-color': '#0969da' } },
      ],
    });
    instance.on('tap', 'node', (event) => {
      const node = handlers.current.graph.nodes.find((n) => n.id === event.target.id());
      if (node) handlers.current.onNode(node);
    });
    instance.on('tap', 'edge', (event) => {
      const edge = handlers.current.graph.edges.find((e) => edgeId(e) === event.target.id());
      if (edge) handlers.current.onEdge(edge);
    });
    cy.current = instance;
    // For the browser tests and the benchmark: where a node is drawn, to click it as a person would,
    // and the layout the page uses. They expose what the page already shows, nothing more.
    Object.assign(window, { identityGraphCanvas: instance, identityGraphLayout: layoutFor });
    return () => instance.destroy();
  }, []);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    const present = new Set(instance.elements().map((e) => e.id()));
    const added = elementsOf(graph).filter((e) => !present.has(String(e.data.id)));
    instance.batch(() => {
      instance.add(added);
      for (const n of graph.nodes) if (n.hub) instance.$id(n.id).addClass('hub');
      instance.nodes().removeClass('root');
      if (root) instance.nodes().filter((n) => n.data('kind') === 'CUSTOMER' && n.data('ref') === root).addClass('root');
    });
    if (added.length > 0) instance.layout(layoutFor(instance.nodes().length)).run();
    instance.fit(undefined, 24);
  }, [graph, root]);

  return <div ref={container} className="graph-canvas" role="img" aria-label={`Identity graph: ${graph.nodes.length} nodes and ${graph.edges.length} edges. The tables below list them.`} />;
}
