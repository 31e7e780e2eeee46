import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { StewardReviewItemQuery } from '../../gql/graphql.ts';
import { percent } from './queue-data.ts';

export type Explanation = NonNullable<StewardReviewItemQuery['reviewItem']>['pairs'][number]['explanation'];

type Bar = { label: string; x1: number; x2: number; weight: number; kind: 'prior' | 'for' | 'against' | 'score'; sentence: string };

const title = (name: string) => name.replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
const signed = (w: number) => `${w > 0 ? '+' : w < 0 ? '−' : '±'}${Math.abs(w).toFixed(2)}`;

/** Prior, then each comparison stacked on the running total, then the score the pair ends on. */
export function waterfall(e: Explanation): { evidence: Bar[]; score: Bar } {
  const evidence: Bar[] = [{ label: 'Prior', x1: 0, x2: e.prior.weight, weight: e.prior.weight, kind: 'prior', sentence: e.prior.sentence }];
  let total = e.prior.weight;
  for (const step of e.steps) {
    evidence.push({ label: `${title(step.comparison)}: ${step.label}`, x1: total, x2: total + step.weight, weight: step.weight, kind: step.weight >= 0 ? 'for' : 'against', sentence: step.sentence });
    total += step.weight;
  }
  return { evidence, score: { label: 'Final score', x1: 0, x2: total, weight: total, kind: 'score', sentence: e.sentence } };
}

const colours = { prior: '#57606a', for: '#1a7f37', against: '#cf222e', score: '#0550ae' } as const;

function draw(e: Explanation, width: number): SVGSVGElement | HTMLElement {
  const { evidence, score } = waterfall(e);
  const bars = [...evidence, score];
  return Plot.plot({
    width,
    height: 34 * bars.length + 60,
    marginBottom: 44,
    marginLeft: Math.min(220, Math.max(120, width * 0.32)),
    marginRight: 56,
    style: { fontSize: '13px', overflow: 'visible' },
    x: { label: 'Match weight in bits (positive: evidence for a match)', labelAnchor: 'center', grid: true },
    y: { domain: bars.map((b) => b.label), label: null, tickSize: 0 },
    marks: [
      Plot.barX(evidence, { y: 'label', x1: 'x1', x2: 'x2', fill: (b: Bar) => colours[b.kind], className: 'waterfall-evidence', insetTop: 4, insetBottom: 4 }),
      Plot.barX([score], { y: 'label', x1: 'x1', x2: 'x2', fill: colours.score, className: 'waterfall-score', insetTop: 2, insetBottom: 2 }),
      Plot.ruleX([0], { stroke: '#1b1f24' }),
      Plot.text(bars, {
        y: 'label',
        x: (b: Bar) => Math.max(b.x1, b.x2),
        text: (b: Bar) => (b.kind === 'score' ? `${signed(b.weight)} = ${percent(e.probability)}` : signed(b.weight)),
        textAnchor: 'start',
        dx: 4,
        fill: '#1b1f24',
      }),
    ],
  });
}

/**
 * The match-weight waterfall of one record pair, drawn with Observable Plot; the chart is
 * one image to assistive technology, and the same evidence follows as a list of sentences.
 */
export function MatchWaterfall({ explanation, caption, children }: { explanation: Explanation; caption: string; children?: ReactNode }) {
  const holder = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.round(entry?.contentRect.width ?? 0);
      if (w > 0) setWidth((old) => (Math.abs(old - w) > 8 ? w : old));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const chart = draw(explanation, Math.max(300, width));
    // The holder is the one image with the one name; Plot's own labels on its groups are
    // noise inside it (and ARIA prohibits naming a plain group).
    chart.setAttribute('aria-hidden', 'true');
    for (const node of chart.querySelectorAll('[aria-label], [aria-description]')) {
      node.removeAttribute('aria-label');
      node.removeAttribute('aria-description');
    }
    el.replaceChildren(chart);
    return () => chart.remove();
  }, [explanation, width]);

  const { evidence, score } = waterfall(explanation);
  const name = `Match-weight waterfall for ${caption}: ${evidence.map((b) => `${b.label} ${signed(b.weight)}`).join(', ')}; final score ${signed(score.weight)}, probability ${percent(explanation.probability)}.`;
  return (
    <section className="panel waterfall" aria-labelledby="waterfall-title">
      <h3 id="waterfall-title">Match weight: {percent(explanation.probability)} probability of a match</h3>
      {children}
      <p className="muted small">{caption} · decided {explanation.decision.toLowerCase().replace('_', ' ')} by {explanation.rule} · model {explanation.modelVersion}</p>
      <div ref={holder} className="waterfall-chart" role="img" aria-label={name} data-testid="waterfall" />
      <div>
        <h4 id="evidence-list">The evidence, step by step</h4>
        <ol aria-labelledby="evidence-list" className="evidence">
          {evidence.map((b) => (
            <li key={b.label} className={b.weight === 0 ? 'none' : b.kind}>
              <span className="weight">{signed(b.weight)}</span> {b.sentence}
            </li>
          ))}
          <li className="score"><span className="weight">{signed(score.weight)}</span> {score.sentence}</li>
        </ol>
      </div>
    </section>
  );
}
