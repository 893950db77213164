import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { onlyMethods } from './errors.ts';

// GraphiQL served by the API from npm packages (graphiql's UMD bundle on React 18's UMD builds, and
// the explorer plugin's UMD build): no CDN and no build step, so analysts can use it on a network
// without internet access. The page (graphiql/app.js) shows who is signed in (/auth/me, sign-in.ts).

const require = createRequire(import.meta.url);
const here = (file: string) => fileURLToPath(new URL(`./graphiql/${file}`, import.meta.url));
// Package `exports` hide the UMD files, so they are found from each package's root.
const packageFile = (name: string, file: string) => join(dirname(require.resolve(`${name}/package.json`)), file);

const assets: Record<string, { path: string; type: string }> = {
  'react.js': { path: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { path: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { path: packageFile('graphiql', 'dist/index.umd.js'), type: 'text/javascript' },
  'graphiql.css': { path: packageFile('graphiql', 'dist/style.css'), type: 'text/css' },
  // The explorer plugin (point-and-click query building), 4.x for graphiql 4: its UMD build takes
  // React and @graphiql/react from the globals graphiql's bundle sets (GraphiQL.React, GraphiQL.GraphQL).
  'explorer.js': { path: packageFile('@graphiql/plugin-explorer', 'dist/index.umd.js'), type: 'text/javascript' },
  'explorer.css': { path: packageFile('@graphiql/plugin-explorer', 'dist/style.css'), type: 'text/css' },
  'app.js': { path: here('app.js'), type: 'text/javascript' },
  // The matching of the "Іздеу / Поиск" panel: an ES module that app.js imports (and the tests too).
  'search.js': { path: here('search.js'), type: 'text/javascript' },
  'page.css': { path: here('page.css'), type: 'text/css' },
};

/** The shared documents whose operations GraphiQL opens as tabs (src/documents/examples/), in file order. */
const EXAMPLES = fileURLToPath(new URL('../documents/examples/', import.meta.url));

const page = readFileSync(here('index.html'), 'utf8');

/** The example operations, each a whole document (no fragments from elsewhere): GraphiQL opens each as a tab. */
export function exampleQueries(): { name: string; query: string }[] {
  return readdirSync(EXAMPLES).filter((file) => file.endsWith('.graphql')).sort()
    .map((file) => ({ name: file.replace(/\.graphql$/, ''), query: readFileSync(join(EXAMPLES, file), 'utf8') }));
}
const examples = JSON.stringify(exampleQueries());

// Only our own origin; GraphiQL styles some elements inline.
// No other site may frame the page. (No form-action: Sign out's form is redirected on to the
// identity provider's end_session, which form-action would block.)
const CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'";

/** `/graphiql/*` assets. */
export function graphiqlAssets(): Router {
  const router = express.Router();
  router.get('/examples.json', (_req, res) => void res.type('application/json').set('Cache-Control', 'public, max-age=3600').send(examples));
  router.get('/:name', (req, res, next) => {
    const asset = assets[req.params.name];
    if (!asset) return next();
    res.type(asset.type).set('Cache-Control', 'public, max-age=3600').sendFile(asset.path);
  });
  // Any other method on an asset that exists: 405; on one that does not, the app's 404.
  const readOnly = onlyMethods('GET', 'HEAD');
  router.all('/:name', (req, res, next) => (req.params.name === 'examples.json' || assets[req.params.name] ? readOnly(req, res, next) : next()));
  return router;
}

/** Serves the GraphiQL page to a browser asking for HTML at the GraphQL endpoint. */
export const graphiqlPage: express.RequestHandler = (req, res, next) => {
  const wantsHtml = req.method === 'GET' && req.accepts(['application/json', 'text/html']) === 'text/html';
  if (!wantsHtml || req.query.query !== undefined) return next();
  // Not cached: whether it is served does not depend on the session, but it is the sign-in's landing page.
  res.type('html').set('Content-Security-Policy', CONTENT_SECURITY_POLICY).set('Cache-Control', 'no-store').send(page);
};
