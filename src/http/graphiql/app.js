/* global React, ReactDOM, GraphiQL */
// The analysts' GraphiQL: every asset is served by the API itself (no CDN), so it works offline.
// The example operations of src/documents/examples/ open as tabs, the card query first.
(async () => {
  const examples = await (await fetch('/graphiql/examples.json')).json();
  const headers = '{\n  "Authorization": "Bearer <token from: npm run token -- --role ANALYST>"\n}';
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultTabs: examples.map(({ query }) => ({ query, headers })),
      // Every query needs a token: the Headers tab says where it goes (npm run token makes one).
      defaultHeaders: headers,
      defaultEditorToolsVisibility: true,
    }),
  );
})();
