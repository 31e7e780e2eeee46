import { useEffect, useState } from 'react';
import { asApiError, request, type ApiError } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import type { ExportChannel } from '../../gql/graphql.ts';
import { Failure } from '../status.tsx';

const ExportDocument = graphql(`
  query SegmentsExport($id: ID!, $channel: ExportChannel!, $after: String, $thirdParty: Boolean) {
    exportSegment(id: $id, channel: $channel, first: 1000, after: $after, thirdParty: $thirdParty) {
      contacts { customerId value }
      suppressed { customerId reason }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const channels: ReadonlyArray<readonly [ExportChannel, string]> = [['EMAIL', 'E-mail'], ['SMS', 'SMS'], ['PHONE', 'Phone'], ['POST', 'Post']];
/** An export holds at most this many pages of 1000 here; larger ones belong to the streaming CSV endpoint. */
const MAX_PAGES = 50;

type Contact = { customerId: string; value: string };
type Suppressed = { customerId: string; reason: string };
type Result = { channel: ExportChannel; thirdParty: boolean; contacts: Contact[]; suppressed: Suppressed[]; truncated: boolean; csv: string; json: string; version: number };

/** What a suppression reason means (src/segment/suppression.ts, src/privacy/consent/export-rule.ts). */
export function reasonLabel(reason: string): string {
  if (reason.startsWith('suppression-list:')) return `On the suppression list “${reason.slice('suppression-list:'.length)}”`;
  const consent = /^consent:(marketing|third_party_sharing):(\w+):(none|denied)$/.exec(reason);
  if (consent) {
    const what = consent[1] === 'marketing' ? 'marketing' : 'third-party sharing';
    return consent[3] === 'none' ? `No ${what} consent on ${consent[2]}` : `${what[0]!.toUpperCase()}${what.slice(1)} consent denied on ${consent[2]}`;
  }
  const fixed: Record<string, string> = {
    'open-complaint': 'Open complaint',
    'email-unsubscribed': 'Unsubscribed from e-mail',
    'email-bounced': 'E-mail bounced',
    'no-contact': 'No contact value for this channel',
    objection: 'Objected to direct marketing',
    'do-not-sell': 'Asked not to be sold or shared',
  };
  return fixed[reason] ?? reason;
}

// A cell starting with = + - @ would be a formula in a spreadsheet: it gets a leading quote, as the API's CSV does.
const cell = (v: string) => {
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

async function exportAll(id: string, channel: ExportChannel, thirdParty: boolean) {
  const contacts: Contact[] = [];
  const suppressed: Suppressed[] = [];
  let after: string | null = null;
  let pages = 0;
  let more = true;
  while (more && pages < MAX_PAGES) {
    const page: { exportSegment: { contacts: Contact[]; suppressed: Suppressed[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } = await request(ExportDocument, { id, channel, after, thirdParty });
    contacts.push(...page.exportSegment.contacts);
    suppressed.push(...page.exportSegment.suppressed);
    more = page.exportSegment.pageInfo.hasNextPage;
    after = page.exportSegment.pageInfo.endCursor ?? null;
    pages++;
  }
  return { contacts, suppressed, truncated: more };
}

/** Export the segment on a channel: contacts to download, and who was left out and why. */
export function ExportPanel({ segmentId, version, unsaved }: { segmentId: string | null; version: number | null; unsaved: boolean }) {
  const [channel, setChannel] = useState<ExportChannel>('EMAIL');
  const [thirdParty, setThirdParty] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [urls, setUrls] = useState<{ csv: string; json: string } | null>(null);

  // A new version of the segment makes an earlier export stale.
  useEffect(() => setResult(null), [segmentId, version]);

  useEffect(() => {
    if (!result) return;
    const csv = URL.createObjectURL(new Blob([result.csv], { type: 'text/csv' }));
    const json = URL.createObjectURL(new Blob([result.json], { type: 'application/json' }));
    setUrls({ csv, json });
    return () => {
      setUrls(null);
      URL.revokeObjectURL(csv);
      URL.revokeObjectURL(json);
    };
  }, [result]);

  // The export is of the saved version: while the builder differs from it, exporting would not be what the marketer sees.
  const blocked = segmentId === null || version === null
    ? 'Save the segment first: the export is of a saved version.'
    : unsaved
      ? `The builder has unsaved changes: save the segment to export them (the saved version ${version} is what an export would hold).`
      : null;

  const run = async () => {
    if (segmentId === null || version === null || blocked) return;
    setBusy(true);
    setError(null);
    try {
      const { contacts, suppressed, truncated } = await exportAll(segmentId, channel, thirdParty);
      const rows = [...contacts.map((c) => [c.customerId, c.value, '']), ...suppressed.map((s) => [s.customerId, '', s.reason])];
      const csv = ['customerId,value,suppressedReason', ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
      const json = JSON.stringify({ segmentId, version, channel, thirdParty, exportedAt: new Date().toISOString(), contacts, suppressed }, null, 2);
      setResult({ channel, thirdParty, contacts, suppressed, truncated, csv, json, version });
    } catch (e) {
      setError(asApiError(e));
      setResult(null);
    }
    setBusy(false);
  };

  const reasons = result ? [...result.suppressed.reduce((m, s) => m.set(s.reason, (m.get(s.reason) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1]) : [];
  const base = result ? `segment-${segmentId}-v${result.version}-${result.channel.toLowerCase()}` : '';
  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <form onSubmit={(e) => { e.preventDefault(); void run(); }}>
        <label>
          Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value as ExportChannel)}>
            {channels.map(([k, text]) => <option key={k} value={k}>{text}</option>)}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={thirdParty} onChange={(e) => setThirdParty(e.target.checked)} />
          For a third party (do-not-sell and sharing consent apply)
        </label>
        <button type="submit" className="primary" disabled={busy || blocked !== null} aria-describedby={blocked ? 'export-blocked' : undefined}>{busy ? 'Exporting…' : 'Export'}</button>
        {blocked && <p id="export-blocked" className="warn-text" data-testid="export-blocked">{blocked}</p>}
      </form>
      <Failure error={error} />
      {result && (
        <div role="status" aria-live="polite" data-testid="export-result">
          <p>
            <strong>{result.contacts.length}</strong> contact{result.contacts.length === 1 ? '' : 's'} on {result.channel.toLowerCase()}, <strong>{result.suppressed.length}</strong> left out (version {result.version}).
            {result.truncated && <span className="error"> Only the first {MAX_PAGES * 1000} members: use the CSV endpoint for the whole segment.</span>}
          </p>
          {urls && (
            <p className="row">
              <a className="button" href={urls.csv} download={`${base}.csv`}>Download CSV</a>
              <a className="button" href={urls.json} download={`${base}.json`}>Download JSON</a>
            </p>
          )}
          {reasons.length > 0 && (
            <>
              <h3>Why members were left out</h3>
              <table aria-label="Suppression reasons">
                <thead><tr><th>Reason</th><th>Code</th><th>Members</th></tr></thead>
                <tbody>{reasons.map(([reason, n]) => <tr key={reason}><td>{reasonLabel(reason)}</td><td><code>{reason}</code></td><td>{n}</td></tr>)}</tbody>
              </table>
              <details>
                <summary>Members left out ({result.suppressed.length})</summary>
                <table aria-label="Members left out">
                  <thead><tr><th>Customer</th><th>Reason</th></tr></thead>
                  <tbody>{result.suppressed.slice(0, 200).map((s) => <tr key={s.customerId}><td>{s.customerId}</td><td>{reasonLabel(s.reason)}</td></tr>)}</tbody>
                </table>
              </details>
            </>
          )}
        </div>
      )}
    </section>
  );
}
