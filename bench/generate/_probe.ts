import { generateDataset } from './dataset.ts';
import { adapterByKind } from '../../src/ingest/adapters/index.ts';
import { canonicalRecordSchema } from '../../src/ingest/canonical.ts';
const counts: Record<string, number> = {};
let bad = 0;
for (const r of generateDataset({ people: 3000, seed: 1 })) {
  counts[r.source] = (counts[r.source] ?? 0) + 1;
  const a = adapterByKind(r.source)!;
  const p = a.payloadSchema.safeParse(r.payload);
  if (!p.success) { if (bad++ < 5) console.log(r.source, JSON.stringify(p.error.issues), JSON.stringify(r.payload)); continue; }
  const c = canonicalRecordSchema.safeParse(a.toCanonical(p.data, { source: r.source, defaultCountry: undefined }));
  if (!c.success) { if (bad++ < 5) console.log('canon', r.source, JSON.stringify(c.error.issues)); }
}
console.log(counts, 'bad', bad);
let n = 0; const t = performance.now();
for (const r of generateDataset({ people: 20000, seed: 2 })) { n++; }
const ms = performance.now() - t;
console.log(n, 'payloads', ms.toFixed(0), 'ms', (n / ms * 1000).toFixed(0), '/s');
let i = 0; for (const r of generateDataset({ people: 5, seed: 3 })) { if (i++ < 40) console.log(r.source, JSON.stringify(r.payload).slice(0, 400), JSON.stringify(r.truth)); }
