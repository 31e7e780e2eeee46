import { it } from 'vitest';
import { labelledProfiles } from '../../bench/generate/profiles.ts';
import { defaultModel } from './default-model.ts';
import { scorePair } from './score.ts';
import { memoryRecordStore } from './train-memory.ts';
import { trainingDataOf, type Pair } from './train-data.ts';
import { trainModel } from './train.ts';
import { summary } from './train-text.ts';
import { defaultMatchRules } from './match-rules.ts';
import { evaluate } from './evaluate.ts';
import { tfValues, comparisons, levelOf } from './comparisons.ts';
import type { Model } from './model.ts';
import { seededRandom } from './train-sample.ts';
import { estimateM, estimateU } from './zz-old-train.ts';
import { writeFileSync } from 'node:fs';

const PEOPLE = Number(process.env.PEOPLE ?? 1500);
it('measure', async () => {
  const generated = labelledProfiles({ people: PEOPLE, seed: 21 });
  const profiles = generated.map((g) => g.profile);
  const store = memoryRecordStore(profiles, 25);
  const candidates = store.candidatePairs();
  const base = defaultModel();
  const names = base.comparisons.map((c) => c.name);
  const counts = new Map<string, number>();
  for (const c of comparisons) for (const p of profiles) for (const v of new Set(tfValues(c.name, p))) counts.set(`${c.name}:${v}`, (counts.get(`${c.name}:${v}`) ?? 0) + 1);
  const tf = { get: (c: string, v: string) => { const n = counts.get(`${c}:${v}`); return n === undefined ? undefined : n / Math.max(profiles.length, 10000); } };
  const truth = new Map(generated.map((g) => [g.key, g.entity]));
  const run = (label: string, model: Model) => {
    const parent = profiles.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    let sl = 0, strangers = 0, dn = 0, dnl = 0;
    for (const [i, j] of candidates) {
      const link = scorePair(model, profiles[i]!, profiles[j]!, tf).decision === 'link';
      const same = generated[i]!.entity === generated[j]!.entity;
      if (!same) { strangers++; if (link) sl++; }
      if (!same) { const g = levelOf('given_name', profiles[i]!, profiles[j]!), f = levelOf('family_name', profiles[i]!, profiles[j]!); if (g === 6 && f === 4) { dn++; if (link) dnl++; } }
      if (link) parent[find(i)] = find(j);
    }
    const predicted = new Map(generated.map((g, i) => [g.key, String(find(i))]));
    const e = evaluate(truth, predicted);
    console.log(`${label.padEnd(8)} prior ${model.prior.matchProbability.toExponential(2)} strangersLinked ${sl}/${strangers} namesDiffer ${dnl}/${dn} P ${e.precision.toFixed(4)} R ${e.recall.toFixed(4)} F1 ${e.f1.toFixed(4)} over ${e.overMergeRate.toFixed(4)}`);
  };
  console.log('records', profiles.length, 'candidates', candidates.length);
  run('default', base);
  const random = seededRandom(1);
  const randomPairs: Pair[] = [];
  for (let i = 0; i < 20_000; i++) { const a = Math.floor(random() * profiles.length); const b = Math.floor(random() * profiles.length); if (a !== b) randomPairs.push([profiles[a]!, profiles[b]!]); }
  const blocked: Pair[] = candidates.slice(0, 200_000).map(([i, j]) => [profiles[i]!, profiles[j]!]);
  run('old', estimateM(estimateU(base, randomPairs), blocked, { iterations: 40, tolerance: 1e-5 }));
  const t = performance.now();
  const out = await trainModel(trainingDataOf(store, names), base, defaultMatchRules(), JSON.parse(process.env.OPTS ?? '{}'));
  console.log('train ms', performance.now() - t, out.status, out.status === 'rejected' ? out.failures : '');
  const trained = out.status === 'accepted' ? out.model : out.candidate;
  run('new', trained);
  writeFileSync(`/tmp/tr/new-${PEOPLE}.txt`, summary(trained) + '\n' + trained.notes);
  // oracle: m from true matches, u & prior from the trained model
  const byEntity = new Map<string, number[]>();
  generated.forEach((g, i) => { const l = byEntity.get(g.entity) ?? []; l.push(i); byEntity.set(g.entity, l); });
  const mc = names.map((_, c) => base.comparisons[c]!.levels.map(() => 0));
  let tp = 0;
  for (const l of byEntity.values()) for (let a = 0; a < l.length; a++) for (let b = a + 1; b < l.length; b++) { tp++; names.forEach((n, c) => { const k = levelOf(n, profiles[l[a]!]!, profiles[l[b]!]!); if (k !== null) mc[c]![k]!++; }); }
  const oracle: Model = { ...trained, prior: { matchProbability: tp / (profiles.length * (profiles.length - 1) / 2) }, comparisons: trained.comparisons.map((c, ci) => { const tot = mc[ci]!.reduce((s, x) => s + x, 0); return { ...c, levels: c.levels.map((lv, k) => ({ ...lv, m: (mc[ci]![k]! + 1) / (tot + c.levels.length) })) }; }) };
  run('oracle', oracle);
  writeFileSync(`/tmp/tr/oracle-${PEOPLE}.txt`, summary(oracle));
}, 600000);
