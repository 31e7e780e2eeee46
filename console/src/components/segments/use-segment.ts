import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiError, request, type ApiError } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import type { SegmentsCreateMutation } from '../../gql/graphql.ts';

const CountDocument = graphql(`
  query SegmentsCount($definition: JSON!) {
    countSegment(definition: $definition)
  }
`);

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

/** `counted`: the definition the count is of; `refused`: the one the API refused last (with `error`). */
export type CountState = { count: number | null; counted: string | null; error: ApiError | null; refused: string | null; busy: boolean };

const DEBOUNCE_MS = 500;

/**
 * The live count: countSegment, half a second after the last edit, writing nothing. Only
 * the answer to the latest request is shown; a definition already asked about is not
 * asked again (a refusal stands until it changes, or Count now).
 */
export function useLiveCount(definition: string, ready: boolean, live: boolean) {
  const [state, setState] = useState<CountState>({ count: null, counted: null, error: null, refused: null, busy: false });
  const latest = useRef(0);
  const asked = useRef<string | null>(null);

  const countNow = useCallback(async (def: string) => {
    const run = ++latest.current;
    asked.current = def;
    setState((s) => ({ ...s, busy: true }));
    try {
      const { countSegment } = await request(CountDocument, { definition: JSON.parse(def) });
      if (run === latest.current) setState({ count: countSegment, counted: def, error: null, refused: null, busy: false });
    } catch (e) {
      if (run === latest.current) setState((s) => ({ ...s, error: asApiError(e), refused: def, busy: false }));
    }
  }, []);

  useEffect(() => {
    if (!live || !ready || definition === asked.current) return;
    const timer = setTimeout(() => void countNow(definition), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [definition, ready, live, countNow]);

  /** A count known already (a segment just saved or loaded comes with its own). */
  const seed = useCallback((def: string, count: number) => {
    latest.current++;
    asked.current = def;
    setState({ count, counted: def, error: null, refused: null, busy: false });
  }, []);

  return { ...state, countNow, seed };
}

/** `saved`: the definition of the stored version, to tell unsaved edits from it. */
export type SavedState = { segment: SegmentResult | null; saved: string | null; error: ApiError | null; busy: boolean };

/** The saved segment: createSegment the first time, then updateSegment (a new version) per Save. */
export function useSavedSegment() {
  const [state, setState] = useState<SavedState>({ segment: null, saved: null, error: null, busy: false });
  const id = useRef<string | null>(null);
  // A save answered after New segment belongs to the segment left behind.
  const generation = useRef(0);

  const save = useCallback(async (name: string, def: string): Promise<SegmentResult | null> => {
    const mine = generation.current;
    setState((s) => ({ ...s, busy: true, error: null }));
    try {
      const definition = JSON.parse(def) as unknown;
      const segment = id.current
        ? (await request(UpdateDocument, { id: id.current, definition })).updateSegment
        : (await request(CreateDocument, { name: name.trim() || 'Untitled segment', definition })).createSegment;
      if (mine !== generation.current) return null;
      id.current = segment.id;
      setState({ segment, saved: def, error: null, busy: false });
      return segment;
    } catch (e) {
      if (mine === generation.current) setState((s) => ({ ...s, error: asApiError(e), busy: false }));
      return null;
    }
  }, []);

  /** Takes over a segment loaded from the API (a link or a reload). */
  const adopt = useCallback((segment: SegmentResult, def: string) => {
    generation.current++;
    id.current = segment.id;
    setState({ segment, saved: def, error: null, busy: false });
  }, []);

  const reset = useCallback(() => {
    generation.current++;
    id.current = null;
    setState({ segment: null, saved: null, error: null, busy: false });
  }, []);

  return { ...state, save, adopt, reset, currentId: id };
}
