/* global React, ReactDOM, GraphiQL */
// The analysts' GraphiQL: every asset is served by the API itself (no CDN), so it works offline.
(async () => {
  const example = await (await fetch('/graphiql/example.graphql')).text();
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: example, defaultEditorToolsVisibility: true }),
  );
})();
