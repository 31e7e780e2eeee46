import { useEffect, useState } from 'react';

/** Pages are addressed by the hash (#/agent/cus_…), so a link or a reload opens the same view. */
export type Route = { page: string; params: string[] };

const parse = (hash: string): Route => {
  const [page = '', ...params] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { page, params };
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export const href = (page: string, ...params: string[]) => `#/${[page, ...params].map(encodeURIComponent).join('/')}`;

export const navigate = (page: string, ...params: string[]) => {
  window.location.hash = href(page, ...params);
};
