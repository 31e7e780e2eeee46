import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router, type Request } from 'express';

/**
 * The GraphiQL IDE at GET /graphql for a browser, outside production. Everything it loads
 * comes from this server (GraphiQL's and React's UMD builds out of node_modules; fonts are
 * inlined in graphiql.min.css), so it works offline, unlike Apollo Sandbox, which loads
 * from a CDN and Google Fonts. The page holds no data and needs no credentials; the queries
 * it sends carry the Authorization header typed into its header editor.
 */
export const GRAPHIQL_ASSETS = '/graphiql/assets';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const assets = new Map([
  ['graphiql.min.css', join(packageDir('graphiql'), 'graphiql.min.css')],
  ['graphiql.min.js', join(packageDir('graphiql'), 'graphiql.min.js')],
  ['react.production.min.js', join(packageDir('react'), 'umd', 'react.production.min.js')],
  ['react-dom.production.min.js', join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js')],
]);

export const HEADER_HINT = 'Bearer <paste the token from: npm run cli -- token --role steward>';

// Served as a file, not inline, so the page's Content-Security-Policy allows only this origin's scripts.
const init = `'use strict';
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher: GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).href }),
    defaultHeaders: ${JSON.stringify(JSON.stringify({ Authorization: HEADER_HINT }, null, 2))},
    defaultEditorToolsVisibility: 'headers',
    shouldPersistHeaders: false,
  }),
);
`;

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>identity-graph GraphiQL</title>
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="stylesheet" href="${GRAPHIQL_ASSETS}/graphiql.min.css" />
    <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL...</div>
    <script src="${GRAPHIQL_ASSETS}/react.production.min.js"></script>
    <script src="${GRAPHIQL_ASSETS}/react-dom.production.min.js"></script>
    <script src="${GRAPHIQL_ASSETS}/graphiql.min.js"></script>
    <script src="${GRAPHIQL_ASSETS}/init.js"></script>
  </body>
</html>
`;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // GraphiQL and CodeMirror set styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** A browser navigating to the endpoint, not a GraphQL client sending a GET query. */
const wantsHtml = (req: Request) => req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';

/** Mount before authentication; in production it must not be mounted at all. */
export function graphiqlRouter(): Router {
  const router = Router();
  router.get('/graphql', (req, res, next) => {
    if (!wantsHtml(req)) {
      next();
      return;
    }
    res.setHeader('content-security-policy', CSP);
    res.setHeader('cache-control', 'no-store');
    res.type('html').send(page);
  });
  router.get(`${GRAPHIQL_ASSETS}/init.js`, (_req, res) => {
    res.type('text/javascript').send(init);
  });
  router.get(`${GRAPHIQL_ASSETS}/:file`, (req, res, next) => {
    const path = assets.get(req.params.file);
    if (!path) {
      next();
      return;
    }
    res.sendFile(path, { maxAge: '1d' });
  });
  return router;
}
