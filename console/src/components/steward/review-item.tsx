import { useState } from 'react';
import { useQuery } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import { href, navigate } from '../../route.ts';
import { Failure, Loading, when } from '../status.tsx';
import { decide, type Verdict } from './decide.ts';
import { customerName, recordLabel } from './golden.tsx';
import { MatchWaterfall } from './match-waterfall.tsx';
import { MergePreview } from './merge-preview.tsx';
import { percent, reasonLabel, useQueue, type QueueFilters } from './queue-data.ts';
import { ShortcutsNote, useShortcuts } from './shortcuts.tsx';
import { SideBySide, type Side } from './side-by-side.tsx';
import { SplitPreview } from './split-preview.tsx';

const ReviewItemDocument = graphql(`
  query StewardReviewItem($id: ID!) {
    reviewItem(id: $id) {
      id
      probability
      createdAt
      reasons
      assignee
      a { id createdAt profile { ...StewardGolden } records { source sourceRecordId } }
      b { id createdAt profile { ...StewardGolden } records { source sourceRecordId } }
      pairs {
        a { source sourceRecordId }
        b { source sourceRecordId }
        probability
        reason
        blockedBy
        explanation {
          decision
          rule
          modelVersion
          probability
          sentence
          prior { matchProbability weight sentence }
          steps { comparison label weight bayesFactor sentence }
        }
      }
    }
  }
`);

type Props = { id: string; filters: QueueFilters; reason: string; onReason: (r: string) => void; onNotice: (message: string) => void };

/** One review item: the two customers side by side, why the model is unsure, and what a merge or split would make. */
export function ReviewItemView({ id, filters, reason, onReason, onNotice }: Props) {
  const { data, error, loading } = useQuery(ReviewItemDocument, { id });
  const queue = useQueue(filters);
  const [pairIndex, setPairIndex] = useState(0);
  const [busy, setBusy] = useState(false);
  const ids = queue.data?.reviewItems.map((i) => i.id) ?? [];
  const at = ids.indexOf(id);
  const next = at === -1 ? ids[0] : ids[at + 1];
  const previous = at > 0 ? ids[at - 1] : undefined;

  const run = async (verdict: Verdict) => {
    if (busy || !data?.reviewItem) return;
    setBusy(true);
    try {
      const outcome = await decide(verdict, id, reason);
      onNotice(outcome.message);
      if (outcome.ok) {
        // The next item under the same filters, or back to the queue when this was the last.
        const after = ids.filter((x) => x !== id)[Math.max(0, at)] ?? null;
        if (after) navigate('steward', after);
        else navigate('steward');
      }
    } catch (e) {
      onNotice(`Not decided: ${e instanceof Error ? e.message : String(e)}`);
    }
    setBusy(false);
  };
  useShortcuts({
    a: () => void run('approve'),
    r: () => void run('reject'),
    j: () => next && navigate('steward', next),
    n: () => next && navigate('steward', next),
    k: () => previous && navigate('steward', previous),
    p: () => previous && navigate('steward', previous),
  });

  const nav = (
    <nav aria-label="Review items" className="row item-nav">
      <a href={href('steward')}>← Back to the queue</a>
      {previous ? <a href={href('steward', previous)}>Previous item</a> : <span className="muted">No previous item</span>}
      {next ? <a href={href('steward', next)}>Next item</a> : <span className="muted">No next item</span>}
    </nav>
  );
  if (loading && !data) return <>{nav}<Loading what="the review item" /></>;
  if (error) return <>{nav}<Failure error={error} /></>;
  const item = data?.reviewItem;
  if (!item) return <>{nav}<p role="alert">This item is no longer open: it was decided, or re-resolution settled it.</p></>;

  const a: Side = { id: item.a.id, profile: item.a.profile, records: item.a.records };
  const b: Side = { id: item.b.id, profile: item.b.profile, records: item.b.records };
  const pair = item.pairs[Math.min(pairIndex, item.pairs.length - 1)];
  const pairCaption = (p: NonNullable<typeof pair>) => `${recordLabel(p.a)} and ${recordLabel(p.b)}`;
  return (
    <div className="review-item">
      {nav}
      <h2>Review: {customerName(a.profile, a.id)} and {customerName(b.profile, b.id)}</h2>
      <p>
        Best pair at <strong>{percent(item.probability)}</strong> · raised {when(item.createdAt)} · {item.pairs.length} record pair{item.pairs.length === 1 ? '' : 's'}{' '}
        {item.reasons.map((r) => <span key={r} className="tag">{reasonLabel[r] ?? r}</span>)}
        {item.assignee && <> · assigned to {item.assignee}</>}
      </p>
      <div className="decision-bar panel">
        <label>
          Reason for decisions
          <input value={reason} onChange={(e) => onReason(e.target.value)} maxLength={500} size={32} />
        </label>
        <button type="button" className="primary" disabled={busy} onClick={() => void run('approve')}>Approve: same person <kbd>a</kbd></button>
        <button type="button" className="danger" disabled={busy} onClick={() => void run('reject')}>Reject: different people <kbd>r</kbd></button>
        <span className="muted small">Merge path: <a href={href('steward', 'merge-path', a.id)}>{a.id}</a>, <a href={href('steward', 'merge-path', b.id)}>{b.id}</a></span>
      </div>
      <div className="item-layout">
        <section aria-labelledby="compare">
          <h3 id="compare">The two customers</h3>
          <SideBySide a={a} b={b} />
        </section>
        {pair && (
          <MatchWaterfall explanation={pair.explanation} caption={pairCaption(pair)}>
            {item.pairs.length > 1 && (
              <label>
                Record pair
                <select value={pairIndex} onChange={(e) => setPairIndex(Number(e.target.value))}>
                  {item.pairs.map((p, i) => <option key={pairCaption(p)} value={i}>{pairCaption(p)} ({percent(p.probability)})</option>)}
                </select>
              </label>
            )}
          </MatchWaterfall>
        )}
      </div>
      <MergePreview a={a} b={b} />
      <SplitPreview sides={[a, b]} />
      <ShortcutsNote />
    </div>
  );
}
