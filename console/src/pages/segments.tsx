import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '../api.ts';
import { Failure, Loading } from '../components/status.tsx';
import { CountPanel } from '../components/segments/count-panel.tsx';
import { asRoot, describe, emptyRoot, fromDefinition, problemsOf, toDefinition, type GroupNode } from '../components/segments/definition.ts';
import { ExportPanel } from '../components/segments/export-panel.tsx';
import { GroupEditor } from '../components/segments/group-editor.tsx';
import { SavedPanel } from '../components/segments/saved-panel.tsx';
import { LoadDocument, useLiveCount, useSavedSegment } from '../components/segments/use-segment.ts';
import { href, navigate } from '../route.ts';
import './segments.css';

export default function Segments({ params }: { params: string[] }) {
  const [name, setName] = useState('');
  const [root, setRoot] = useState<GroupNode>(emptyRoot);
  const [live, setLive] = useState(true);
  const problems = useMemo(() => problemsOf(root), [root]);
  const definition = useMemo(() => JSON.stringify(toDefinition(root)), [root]);
  // Counting writes nothing, so it starts at once (no condition is every active customer).
  const count = useLiveCount(definition, problems.length === 0, live);
  const saved = useSavedSegment();
  const savedId = saved.segment?.id ?? null;
  const unsaved = saved.segment !== null && saved.saved !== definition;
  const untouched = saved.segment === null && root.children.length === 0 && name === '';

  // A segment named in the address (a link, a reload) is loaded into the builder.
  const wanted = params[0] && params[0] !== saved.currentId.current ? params[0] : null;
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
    // What the builder draws of it is the saved definition; one it cannot draw is a change to save.
    const drawn = JSON.stringify(toDefinition(next));
    saved.adopt(s, tree ? drawn : JSON.stringify(s.definition));
    if (tree) count.seed(drawn, s.count);
  }, [loaded.data, wanted, saved.adopt, count.seed]);

  // Once saved, the address names the segment, so a reload comes back to it.
  useEffect(() => {
    if (savedId && params[0] !== savedId) navigate('segments', savedId);
  }, [savedId, params]);

  // Leaving with edits not saved asks first (the browser's own prompt).
  const dirty = unsaved || (saved.segment === null && !untouched);
  useEffect(() => {
    if (!dirty) return;
    const stop = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', stop);
    return () => window.removeEventListener('beforeunload', stop);
  }, [dirty]);

  // An edit made while saving is counted on its own; only the definition still shown takes the saved count.
  const shown = useRef(definition);
  shown.current = definition;
  const save = async () => {
    const segment = await saved.save(name, definition);
    if (segment && shown.current === definition) count.seed(definition, segment.count);
  };

  const startOver = () => {
    if (dirty && !window.confirm('Discard the changes that are not saved?')) return;
    saved.reset();
    setRoot(emptyRoot());
    setName('');
    setUnsupported(false);
    navigate('segments');
  };

  const refusedNow = count.error?.code === 'BAD_USER_INPUT' && count.refused === definition;
  const blocked = saved.busy ? 'Saving…'
    : problems.length > 0 ? `Fix ${problems.length} problem${problems.length === 1 ? '' : 's'} to save.`
      : refusedNow ? 'The API refused this definition: change it to save.'
        : saved.segment && !unsaved ? `Saved: version ${saved.segment.version}, no unsaved changes.`
          : null;
  const saveStatus = blocked ?? (saved.segment ? `Unsaved changes: saving makes version ${saved.segment.version + 1}.` : 'Not saved yet: saving creates the segment.');

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
          <div className="row save-bar">
            <button type="button" className="primary" onClick={() => void save()} disabled={blocked !== null} aria-describedby="save-status">Save segment</button>
            <p id="save-status" className={unsaved ? 'warn-text' : 'muted'} data-testid="save-status" aria-live="polite">{saveStatus}</p>
          </div>
          <Failure error={saved.error} />
          {unsupported && <p role="alert" className="error">This segment’s definition has a shape the builder cannot draw; saving will replace it with what the builder shows.</p>}
          <GroupEditor node={root} depth={0} problems={problems} onChange={setRoot} label="Segment" />
          <p className="muted" data-testid="segment-summary">Customers who match {describe(root)}.</p>
          <details>
            <summary>Definition JSON sent to the API</summary>
            <pre data-testid="definition-json">{JSON.stringify(JSON.parse(definition), null, 2)}</pre>
          </details>
        </section>
        <div className="segments-side">
          <CountPanel state={count} definition={definition} live={live} problems={problems.length} onCount={() => void count.countNow(definition)} />
          <SavedPanel segment={saved.segment} unsaved={unsaved} />
          <ExportPanel segmentId={saved.segment?.id ?? null} version={saved.segment?.version ?? null} unsaved={unsaved} />
        </div>
      </div>
    </>
  );
}
