import { useQuery } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import type { AuditTrailMergePathQuery } from '../../gql/graphql.ts';
import { href } from '../../route.ts';
import { Failure, Loading, when } from '../status.tsx';

const MergePathDocument = graphql(`
  query AuditTrailMergePath($id: ID!) {
    mergePath(customerId: $id) { id kind at actor role reason evidence records undoes from into }
  }
`);

// The audit entries of the same operations name the record keys a split, unmerge or undo moved.
const LineageEntriesDocument = graphql(`
  query AuditTrailLineageEntries($id: ID!) {
    auditTrail(customerId: $id, operations: [MERGE, SPLIT, UNMERGE, UNDO], first: 500) { id operation recordKeys detail }
  }
`);

type Step = AuditTrailMergePathQuery['mergePath'][number];
type Pair = { a: string; b: string; rule: string | null; probability: number | null };

const kindLabel: Record<Step['kind'], string> = { MERGE: 'Merge', SPLIT: 'Split', UNMERGE: 'Unmerge', UNDO: 'Undo' };
const kindTag: Record<Step['kind'], string> = { MERGE: 'good', SPLIT: 'warn', UNMERGE: 'warn', UNDO: 'bad' };

/** The lineage event ids an audit entry's detail names: eventId (merge), events (split, unmerge), event (undo). */
function eventIdsOf(detail: unknown): string[] {
  if (!detail || typeof detail !== 'object') return [];
  const d = detail as Record<string, unknown>;
  const ids = [d['eventId'], d['event'], ...(typeof d['events'] === 'string' ? d['events'].split(',') : [])];
  return ids.filter((id): id is string => typeof id === 'string' && id !== '');
}

/** A resolution merge's evidence: the record pairs that linked, with rule and probability. */
function pairsOf(evidence: unknown): Pair[] {
  if (!Array.isArray(evidence)) return [];
  return evidence.flatMap((e: unknown) => {
    if (!e || typeof e !== 'object') return [];
    const p = e as Record<string, unknown>;
    if (typeof p['a'] !== 'string' || typeof p['b'] !== 'string') return [];
    return [{ a: p['a'], b: p['b'], rule: typeof p['rule'] === 'string' ? p['rule'] : null, probability: typeof p['probability'] === 'number' ? p['probability'] : null }];
  });
}

const CustomerLink = ({ id, current }: { id: string; current: string }) =>
  id === current ? <code>{id}</code> : <a href={href('audit', id)}><code>{id}</code></a>;

function StepItem({ step, current, recordKeys, undoneBy }: { step: Step; current: string; recordKeys: string[]; undoneBy: Step | undefined }) {
  const pairs = pairsOf(step.evidence);
  return (
    <li data-step={step.id}>
      <div className="step-head">
        <span className={`tag ${kindTag[step.kind]}`}>{kindLabel[step.kind]}</span>
        <time dateTime={step.at}>{when(step.at)}</time>
        <span>by <strong className="actor">{step.actor}</strong> <span className="muted">({step.role})</span></span>
        {undoneBy && <span className="tag">undone {when(undoneBy.at)}</span>}
      </div>
      <p className="reason">Reason: {step.reason ? <q>{step.reason}</q> : <span className="muted">none given</span>}</p>
      <p className="moved">
        {step.records} source record{step.records === 1 ? '' : 's'} moved from <CustomerLink id={step.from} current={current} /> into <CustomerLink id={step.into} current={current} />
      </p>
      {step.undoes && <p className="muted small">Undoes step <code>{step.undoes}</code></p>}
      {recordKeys.length > 0 && (
        <p className="small">Records: {recordKeys.map((k) => <code key={k} className="key">{k}</code>)}</p>
      )}
      {pairs.length > 0 && (
        <details>
          <summary>Matched by resolution: {pairs.length} pair{pairs.length === 1 ? '' : 's'}</summary>
          <ul className="plain small">
            {pairs.map((p) => (
              <li key={`${p.a}|${p.b}`}>
                <code className="key">{p.a}</code> ↔ <code className="key">{p.b}</code>
                {p.rule && <> · rule {p.rule}</>}
                {p.probability != null && <> · probability {p.probability.toFixed(3)}</>}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="muted small">Step id <code>{step.id}</code></p>
    </li>
  );
}

/** How the customer came to be: every merge, split, unmerge and undo, oldest first, back through the customers merged into it. */
export function MergeTimeline({ customerId }: { customerId: string }) {
  const path = useQuery(MergePathDocument, { id: customerId });
  const entries = useQuery(LineageEntriesDocument, { id: customerId });
  const keysByEvent = new Map<string, string[]>();
  for (const entry of entries.data?.auditTrail ?? []) {
    for (const eventId of eventIdsOf(entry.detail)) if (entry.recordKeys.length > 0) keysByEvent.set(eventId, entry.recordKeys);
  }
  const steps = path.data?.mergePath ?? [];
  const undoneBy = new Map(steps.filter((s) => s.undoes).map((s) => [s.undoes!, s]));
  return (
    <section className="panel" aria-labelledby="merge-path-heading">
      <h2 id="merge-path-heading">Merge path</h2>
      {path.loading && !path.data ? <Loading what="the merge path" /> : null}
      <Failure error={path.error} />
      {path.data && steps.length === 0 && <p className="muted">No merge, split or unmerge has touched this customer: it is as its records made it.</p>}
      {steps.length > 0 && (
        <ol className="timeline merge-path" aria-label={`Merge path of ${customerId}, oldest first`}>
          {steps.map((s) => <StepItem key={s.id} step={s} current={customerId} recordKeys={keysByEvent.get(s.id) ?? []} undoneBy={undoneBy.get(s.id)} />)}
        </ol>
      )}
    </section>
  );
}
