import { generateDataset } from './dataset.ts';
let n = 0;
for (const r of generateDataset({ people: 10000, seed: 2 })) n++;
let t = performance.now(); n = 0;
for (const r of generateDataset({ people: 50000, seed: 2, firstPerson: 10000 })) n++;
const ms = performance.now() - t;
console.log(n, (n / ms * 1000).toFixed(0), '/s');
