import { useState } from 'react';
import { DataQuality } from '../components/steward/data-quality.tsx';
import { MergePath } from '../components/steward/merge-path.tsx';
import { noFilters, type QueueFilters } from '../components/steward/queue-data.ts';
import { ResolvePreview } from '../components/steward/resolve-preview.tsx';
import { ReviewItemView } from '../components/steward/review-item.tsx';
import { ReviewQueue } from '../components/steward/review-queue.tsx';
import { href } from '../route.ts';
import './steward-workbench.css';

/**
 * The steward workbench: #/steward is the review queue and the tools, #/steward/<item id>
 * one review item, #/steward/merge-path/<customer id> a customer's merge path. The page
 * stays mounted across those routes, so the filters and the reason carry from one to the next.
 */
export default function StewardWorkbench({ params }: { params: string[] }) {
  const [filters, setFilters] = useState<QueueFilters>(noFilters);
  const [reason, setReason] = useState('reviewed in the console');
  const [notice, setNotice] = useState('');
  const [first, second] = params;
  return (
    <div className="steward">
      <h1>Steward workbench</h1>
      <p role="status" aria-live="polite" className="notice" data-testid="notice">{notice}</p>
      {first === 'merge-path' ? (
        <>
          <p><a href={href('steward')}>← Back to the queue</a></p>
          <MergePath key={second ?? ''} customerId={second ?? ''} onNotice={setNotice} />
        </>
      ) : first ? (
        <ReviewItemView key={first} id={first} filters={filters} reason={reason} onReason={setReason} onNotice={setNotice} />
      ) : (
        <>
          <ReviewQueue filters={filters} onFilters={setFilters} reason={reason} onReason={setReason} onNotice={setNotice} />
          <div className="grid tools">
            <MergePath onNotice={setNotice} />
            <ResolvePreview />
            <DataQuality />
          </div>
        </>
      )}
    </div>
  );
}
