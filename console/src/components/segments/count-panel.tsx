import { Failure } from '../status.tsx';
import type { CountState } from './use-segment.ts';

type Props = { state: CountState; definition: string; live: boolean; problems: number; onCount: () => void };

/** The count of the definition as it is in the builder, saved or not (countSegment writes nothing). */
export function CountPanel({ state, definition, live, problems, onCount }: Props) {
  const refused = state.error !== null && state.refused === definition;
  const stale = state.counted !== definition;
  const status = state.busy
    ? 'Counting…'
    : problems > 0
      ? `Fix ${problems} problem${problems === 1 ? '' : 's'} to count.`
      : refused
        ? `The API refused this definition${state.count !== null ? ': the count shown is of the last definition it accepted' : ''}.`
        : stale
          ? live ? 'Edited: counting shortly.' : 'Edited: press Count now.'
          : state.count !== null ? 'Up to date.' : '';
  return (
    <section className="panel" aria-labelledby="count-heading">
      <h2 id="count-heading">Live count</h2>
      <div aria-live="polite" aria-atomic="true">
        {state.count !== null ? (
          <p className={`count ${stale ? 'stale' : ''}`}><strong data-testid="segment-count">{state.count}</strong> active customer{state.count === 1 ? '' : 's'}</p>
        ) : (
          <p className="muted">Not counted yet.</p>
        )}
        <p className="muted" data-testid="count-status">{status}</p>
      </div>
      <p className="hint muted">Counted as you edit, without saving anything.</p>
      <button type="button" onClick={onCount} disabled={state.busy || problems > 0}>Count now</button>
      {state.error && (
        <div className="refused">
          <h3>The API refused this definition</h3>
          <Failure error={state.error} />
        </div>
      )}
    </section>
  );
}
