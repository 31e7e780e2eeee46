import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from './gql/graphql.ts';
import { clearSession, currentSession } from './session.ts';

/** A GraphQL error as the API sends it: a code in extensions, and the path of the field. */
export class ApiError extends Error {
  readonly code: string;
  readonly path: readonly (string | number)[] | undefined;
  constructor(message: string, code: string, path?: readonly (string | number)[]) {
    super(message);
    this.code = code;
    this.path = path;
  }
}

type Result<R> = { data?: R | null; errors?: Array<{ message: string; path?: (string | number)[]; extensions?: { code?: string } }> };

/** Sends one typed operation with the signed-in person's token. */
export async function request<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
  const session = currentSession();
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(session ? { authorization: `Bearer ${session.token}` } : {}) },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  if (res.status === 401) {
    clearSession();
    window.dispatchEvent(new Event('identity-graph:signed-out'));
    throw new ApiError('Your session has ended: sign in again', 'UNAUTHENTICATED');
  }
  const body = (await res.json().catch(() => ({}))) as Result<R>;
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first.path);
  if (body.data == null) throw new ApiError(`HTTP ${res.status}`, 'INTERNAL_SERVER_ERROR');
  return body.data;
}

export type QueryState<R> = { data: R | null; error: ApiError | null; loading: boolean; refetch: () => void };

/** Runs a query when its variables change (compared as JSON); `skip` waits for input. */
export function useQuery<R, V>(document: TypedDocumentString<R, V>, variables: V, skip = false): QueryState<R> {
  const [state, setState] = useState<{ data: R | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: !skip });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables);
  const latest = useRef(0);
  useEffect(() => {
    if (skip) return;
    const run = ++latest.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    request(document, JSON.parse(key) as V).then(
      (data) => run === latest.current && setState({ data, error: null, loading: false }),
      (error: unknown) => run === latest.current && setState({ data: null, error: asApiError(error), loading: false }),
    );
  }, [document, key, skip, tick]);
  const refetch = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, refetch };
}

export const asApiError = (error: unknown): ApiError => (error instanceof ApiError ? error : new ApiError(error instanceof Error ? error.message : String(error), 'NETWORK_ERROR'));
