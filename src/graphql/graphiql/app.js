/* global React, ReactDOM, GraphiQL */
// The analysts' GraphiQL: every asset is served by the API itself (no CDN), so it works offline.
(async () => {
  const example = await (await fetch('/graphiql/example.graphql')).text();
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: example,
      // Every query needs a token: the Headers tab says where it goes (npm run token makes one).
      defaultHeaders: '{\n  "Authorization": "Bearer <token from: npm run token -- --role ANALYST>"\n}',
      defaultEditorToolsVisibility: true,
    }),
  );
})();
