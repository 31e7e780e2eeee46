import type { ApiError } from '../api.ts';

/** A failed request, said plainly with the API's code (never a stack, never a value). */
export function Failure({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {error.message} <span className="muted">({error.code})</span>
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return <p aria-busy="true" className="muted">Loading {what}…</p>;
}

export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—');

export const money = (amount: number | null | undefined, currency: string | null | undefined) =>
  amount == null ? '—' : new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency ?? 'GBP' }).format(amount);
