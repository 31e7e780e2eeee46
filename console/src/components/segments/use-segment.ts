import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiError, request, type ApiError } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import type { SegmentsCreateMutation } from '../../gql/graphql.ts';

const CreateDocument = graphql(`
  mutation SegmentsCreate($name: String!, $definition: JSON!) {
    createSegment(input: { name: $name, definition: $definition }) {
      id name version count
      members(first: 10) { edges { node { id summary { orderCount openTicketCount lastInteractionAt lifetimeValue { currency amount } } } } pageInfo { hasNextPage } }
    }
  }
`);

const UpdateDocument = graphql(`
  mutation SegmentsUpdate($id: ID!, $definition: JSON!) {
    updateSegment(id: $id, definition: $definition) {
      id name version count
      members(first: 10) { edges { node { id summary { orderCount openTicketCount lastInteractionAt lifetimeValue { currency amount } } } } pageInfo { hasNextPage } }
    }
  }
`);

export const LoadDocument = graphql(`
  query SegmentsLoad($id: ID!) {
    segment(id: $id) {
      id name version definition count
      members(first: 10) { edges { node { id summary { orderCount openTicketCount lastInteractionAt lifetimeValue { currency amount } } } } pageInfo { hasNextPage } }
    }
  }
`);

export type SegmentResult = SegmentsCreateMutation['createSegment'];

export type CountState = { segment: SegmentResult | null; error: ApiError | null; busy: boolean; sent: string | null };

const DEBOUNCE_MS = 500;

/**
 * The live count: the definition is saved (created once, then a new version per edit) half
 * a second after the last edit, and the count and first members come back with it. Only
 * the answer to the latest edit is shown.
 */
export function useSegmentCount(name: string, definition: string, ready: boolean, live: boolean) {
  const [state, setState] = useState<CountState>({ segment: null, error: null, busy: false, sent: null });
  const id = useRef<string | null>(null);
  const creating = useRef<Promise<string | null> | null>(null);
  const latest = useRef(0);
  const sent = useRef<string | null>(null);

  const save = useCallback(async (def: string) => {
    const run = ++latest.current;
    setState((s) => ({ ...s, busy: true, error: null }));
    try {
      const known = id.current ?? (creating.current ? await creating.current : null);
      let segment: SegmentResult;
      if (known) {
        segment = (await request(UpdateDocument, { id: known, definition: JSON.parse(def) })).updateSegment;
      } else {
        const pending = request(CreateDocument, { name: name.trim() || 'Untitled segment', definition: JSON.parse(def) }).then((r) => r.createSegment);
        creating.current = pending.then((s) => s.id, () => null);
        segment = await pending;
        id.current = segment.id;
        creating.current = null;
      }
      sent.current = def;
      if (run === latest.current) setState({ segment, error: null, busy: false, sent: def });
    } catch (e) {
      if (run === latest.current) setState((s) => ({ ...s, error: asApiError(e), busy: false, sent: def }));
    }
  }, [name]);

  useEffect(() => {
    if (!live || !ready || definition === sent.current) return;
    const timer = setTimeout(() => void save(definition), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [definition, ready, live, save]);

  /** Takes over a segment loaded from the API (a link or a reload). */
  const adopt = useCallback((segment: SegmentResult, def: string) => {
    id.current = segment.id;
    sent.current = def;
    latest.current++;
    setState({ segment, error: null, busy: false, sent: def });
  }, []);

  const reset = useCallback(() => {
    id.current = null;
    sent.current = null;
    latest.current++;
    setState({ segment: null, error: null, busy: false, sent: null });
  }, []);

  return { ...state, save, adopt, reset, currentId: id };
}
