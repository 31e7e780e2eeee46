import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '../api.ts';
import { Failure, Loading, money, when } from '../components/status.tsx';
import { asRoot, describe, emptyRoot, fromDefinition, problemsOf, toDefinition, type GroupNode } from '../components/segments/definition.ts';
import { ExportPanel } from '../components/segments/export-panel.tsx';
import { GroupEditor } from '../components/segments/group-editor.tsx';
import { LoadDocument, useSegmentCount, type CountState } from '../components/segments/use-segment.ts';
import { href, navigate } from '../route.ts';
import './segments.css';

function CountPanel({ state, stale, problems, onCount }: { state: CountState; stale: boolean; problems: number; onCount: () => void }) {
  const s = state.segment;
  return (
    <section className="panel" aria-labelledby="count-heading">
      <h2 id="count-heading">Live count</h2>
      <div aria-live="polite" aria-atomic="true">
        {s ? (
          <p className={`count ${state.error ? 'stale' : ''}`}><strong data-testid="segment-count">{s.count}</strong> customer{s.count === 1 ? '' : 's'}</p>
        ) : (
          <p className="muted">Not counted yet.</p>
        )}
        <p className="muted" data-testid="count-status">
          {state.busy ? 'Counting…' : problems > 0 ? `Fix ${problems} problem${problems === 1 ? '' : 's'} to count.` : state.error ? `The last edit was refused${s ? `: the count is of version ${s.version}, the last accepted` : ''}.` : stale ? 'Edited: counting shortly.' : s ? `Up to date (version ${s.version}).` : ''}
        </p>
      </div>
      <button type="button" onClick={onCount} disabled={state.busy || problems > 0}>Count now</button>
      {state.error && (
        <div className="refused">
          <h3>The API refused this definition</h3>
          <Failure error={state.error} />
        </div>
      )}
      {s && (
        <>
          <p className="muted">Segment <code>{s.id}</code> · {s.name}</p>
          <h3>First members</h3>
          {s.members.edges.length === 0 ? <p className="muted">No members.</p> : (
            <table aria-label="First members">
              <thead><tr><th>Customer</th><th>Orders</th><th>Lifetime value</th><th>Open tickets</th><th>Last contact</th></tr></thead>
              <tbody>
                {s.members.edges.map(({ node: c }) => (
                  <tr key={c.id}>
                    <td><code>{c.id}</code></td>
                    <td>{c.summary.orderCount}</td>
                    <td>{c.summary.lifetimeValue.map((m) => money(m.amount, m.currency)).join(', ') || '—'}</td>
                    <td>{c.summary.openTicketCount}</td>
                    <td>{when(c.summary.lastInteractionAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {s.members.pageInfo.hasNextPage && <p className="muted">…and {s.count - s.members.edges.length} more.</p>}
        </>
      )}
    </section>
  );
}

export default function Segments({ params }: { params: string[] }) {
  const [name, setName] = useState('');
  const [root, setRoot] = useState<GroupNode>(emptyRoot);
  const [live, setLive] = useState(true);
  const problems = useMemo(() => problemsOf(root), [root]);
  const definition = useMemo(() => JSON.stringify(toDefinition(root)), [root]);
  // Counting saves a version: it starts with the first condition, or the Count button (everyone).
  const count = useSegmentCount(name, definition, problems.length === 0 && root.children.length > 0, live);
  const savedId = count.segment?.id ?? null;

  // A segment named in the address (a link, a reload) is loaded into the builder.
  const wanted = params[0] && params[0] !== count.currentId.current ? params[0] : null;
  const loaded = useQuery(LoadDocument, { id: wanted ?? '' }, wanted === null);
  const [unsupported, setUnsupported] = useState(false);
  useEffect(() => {
    const s = loaded.data?.segment;
    if (!wanted || !s) return;
    const tree = fromDefinition(s.definition);
    setUnsupported(tree === null);
    const next = tree ? asRoot(tree) : emptyRoot();
    setRoot(next);
    setName(s.name);
    count.adopt(s, JSON.stringify(toDefinition(next)));
  }, [loaded.data, wanted, count.adopt]);

  // Once saved, the address names the segment, so a reload comes back to it.
  useEffect(() => {
    if (savedId && params[0] !== savedId) navigate('segments', savedId);
  }, [savedId, params]);

  const startOver = () => {
    count.reset();
    setRoot(emptyRoot());
    setName('');
    setUnsupported(false);
    navigate('segments');
  };

  return (
    <>
      <h1>Segments</h1>
      {wanted && loaded.loading && <Loading what="the segment" />}
      {wanted && <Failure error={loaded.error} />}
      {wanted && loaded.data && !loaded.data.segment && <p role="alert">No segment has the id {wanted}. <a href={href('segments')}>Start a new one</a>.</p>}
      <div className="segments-layout">
        <section className="panel" aria-labelledby="builder-heading">
          <h2 id="builder-heading">Definition</h2>
          <div className="row">
            <label>
              Segment name
              <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} disabled={savedId !== null} placeholder="Untitled segment" />
            </label>
            <label className="inline">
              <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} />
              Count as I edit
            </label>
            <button type="button" onClick={startOver}>New segment</button>
          </div>
          {savedId && <p className="muted">Saved as <code>{savedId}</code>: every edit is kept as a new version.</p>}
          {unsupported && <p role="alert" className="error">This segment’s definition has a shape the builder cannot draw; starting from an empty definition will replace it.</p>}
          <GroupEditor node={root} depth={0} problems={problems} onChange={setRoot} label="Segment" />
          <p className="muted" data-testid="segment-summary">Customers who match {describe(root)}.</p>
          <details>
            <summary>Definition JSON sent to the API</summary>
            <pre data-testid="definition-json">{JSON.stringify(JSON.parse(definition), null, 2)}</pre>
          </details>
        </section>
        <div className="segments-side">
          <CountPanel state={count} stale={count.sent !== definition} problems={problems.length} onCount={() => void count.save(definition)} />
          {count.segment && <ExportPanel segmentId={count.segment.id} version={count.segment.version} />}
        </div>
      </div>
    </>
  );
}
