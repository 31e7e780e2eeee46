import { useState } from 'react';
import { HeldBack } from '../components/privacy/held-back.tsx';
import { OpenRequest } from '../components/privacy/open-request.tsx';
import { RequestDetail } from '../components/privacy/request-detail.tsx';
import { RequestList } from '../components/privacy/request-list.tsx';
import { navigate } from '../route.ts';
import './privacy-desk.css';

/** The privacy officer's desk: data subject requests from receipt to completion, and held-back records. */
export default function PrivacyDesk({ params }: { params: string[] }) {
  const selected = params[0];
  // Bumped whenever a request changes, so the list and the held-back records read again.
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  return (
    <>
      <h1>Privacy desk</h1>
      <div className="privacy-layout">
        <div className="privacy-main">
          {selected ? <RequestDetail key={selected} id={selected} onChanged={changed} /> : <OpenRequest onOpened={(id) => { changed(); navigate('privacy', id); }} />}
          <RequestList selected={selected} refresh={changes} />
        </div>
        <HeldBack refresh={changes} />
      </div>
    </>
  );
}
