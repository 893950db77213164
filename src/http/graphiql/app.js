/* global React, ReactDOM, GraphiQL, GraphiQLPluginExplorer */
// The analysts' GraphiQL: every asset is served by the API itself (no CDN), so it works offline.
// The example operations of src/documents/examples/ open as tabs, the card query first.
// Signed in from the browser (/auth/login, docs/sign-in.md), every request carries the session
// cookie: the schema loads at once and every tab runs, with nothing to paste. Without it, headers
// put under "Shared headers" (a bearer token) go with every tab's request and the schema's, and
// are kept in this browser (localStorage) across reloads.
// "Іздеу / Поиск" searches the schema's names and descriptions, where the form's Kazakh and Russian
// headings are (Docs' own search reads names only); a result opens in Docs.
(async () => {
  const h = React.createElement;
  const STORED = 'employment-card-api:shared-headers';
  const [examples, me, schemaSearch] = await Promise.all([
    fetch('/graphiql/examples.json').then((response) => response.json()),
    fetch('/auth/me', { cache: 'no-store' }).then((response) => response.json()).catch(() => ({ signedIn: false, signIn: null })),
    import('/graphiql/search.js'),
  ]);

  function storedHeaders() {
    try {
      const value = JSON.parse(localStorage.getItem(STORED) || '{}');
      return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
    } catch {
      return {};
    }
  }

  /**
   * The operation name to send: GraphiQL 4 can send the previous tab's when a tab is run right
   * after it is opened (the server answers "Unknown operation named"); a document of one operation
   * then runs that one.
   */
  function operationNameOf(params) {
    if (!params.operationName || !params.query) return params.operationName;
    try {
      const names = GraphiQL.GraphQL.parse(params.query).definitions.filter((d) => d.kind === 'OperationDefinition').map((d) => d.name && d.name.value);
      return names.includes(params.operationName) || names.length !== 1 ? params.operationName : undefined;
    } catch {
      return params.operationName;
    }
  }

  /** The fetcher of every tab: the shared headers first, a tab's own headers over them. */
  function fetcherWith(shared) {
    const fetcher = GraphiQL.createFetcher({ url: '/graphql', headers: shared });
    return (params, options = {}) => {
      // A placeholder left in a tab by an older version of this page is not a token: dropped.
      const own = Object.fromEntries(Object.entries(options.headers || {}).filter(([, value]) => !String(value).includes('<token')));
      return fetcher({ ...params, operationName: operationNameOf(params) }, { ...options, headers: own });
    };
  }

  const hint = me.signIn
    ? 'Signed in, nothing is needed here: the session goes with every request.'
    : 'Browser sign-in is off on this server.';
  const example = JSON.stringify({ Authorization: 'Bearer <token from: npm run token -- --role ANALYST>' }, null, 2);

  function SharedHeaders({ shared, onChange }) {
    const [text, setText] = React.useState(Object.keys(shared).length ? JSON.stringify(shared, null, 2) : '');
    const [problem, setProblem] = React.useState(null);
    const save = () => {
      try {
        const value = text.trim() ? JSON.parse(text) : {};
        if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('an object of header names and values');
        localStorage.setItem(STORED, JSON.stringify(value));
        setProblem(null);
        onChange(value);
      } catch (error) {
        setProblem(`Not saved: the headers must be JSON, ${error.message}`);
      }
    };
    return h('div', { className: 'shared-headers' },
      h('div', { className: 'graphiql-doc-explorer-title' }, 'Shared headers'),
      h('p', null, 'Sent with every tab\'s request and the schema\'s, and kept in this browser. ', hint,
        ' An app or script instead sends a bearer token, e.g.:'),
      h('textarea', { 'aria-label': 'Shared headers (JSON)', rows: 8, spellCheck: false, placeholder: example, value: text, onChange: (event) => setText(event.target.value) }),
      h('div', null,
        h('button', { type: 'button', className: 'graphiql-button', onClick: save }, 'Save'), ' ',
        h('button', { type: 'button', className: 'graphiql-button', onClick: () => { setText(''); localStorage.removeItem(STORED); onChange({}); } }, 'Clear')),
      problem && h('p', { className: 'problem', role: 'alert' }, problem));
  }

  const SEARCH = 'Іздеу / Поиск';
  const SHOWN = 100;
  const KIND = { Type: 'type', Field: 'field', EnumValue: 'enum value' };
  // GraphiQL unmounts a panel that is not shown: the query is kept here for when it comes back.
  let searched = '';

  /**
   * The schema GraphiQL loaded (its schema store, the one Docs reads), searched by name and
   * description (search.js). A result opens in Docs as a click on a name in the editor does: it
   * becomes the schema reference, which Docs follows.
   */
  function SchemaSearch() {
    const { schema, fetchError, setSchemaReference } = GraphiQL.React.useSchemaStore();
    const { referencePlugin, setVisiblePlugin } = GraphiQL.React.usePluginStore();
    const [query, setQuery] = React.useState(searched);
    const entries = React.useMemo(() => (schema ? schemaSearch.entriesOf(schema) : []), [schema]);
    const results = React.useMemo(() => schemaSearch.search(entries, query), [entries, query]);
    const open = ({ kind, type, field, value }) => {
      setSchemaReference(kind === 'Type' ? { kind, type, schema } : kind === 'Field' ? { kind, type, field, schema } : { kind, type, value, schema });
      setVisiblePlugin(referencePlugin || 'Documentation Explorer');
    };
    const marked = (line) => schemaSearch.highlight(line, query).map((piece, i) => (piece.match ? h('mark', { key: i }, piece.text) : piece.text));
    let status = null;
    if (!schema) status = fetchError ? 'The schema is not loaded: sign in, or put a token under Shared headers.' : 'Loading the schema…';
    else if (query.trim()) {
      status = results.length ? `${results.length} found${results.length > SHOWN ? `, the first ${SHOWN} shown` : ''}` : 'Табылмады / Не найдено / Nothing found';
    }
    return h('div', { className: 'schema-search' },
      h('div', { className: 'graphiql-doc-explorer-title' }, SEARCH),
      h('p', null, 'Names and descriptions, where the form\'s Kazakh and Russian headings are. A word of 6 letters or more finds its other endings too: ',
        '«регистрация» finds «регистрации», «тіркеу» finds «тіркелгені». A result opens in Docs.'),
      h('input', {
        type: 'search', 'aria-label': SEARCH, placeholder: 'регистрация, тіркеу, Registration…', autoFocus: true, spellCheck: false, value: query,
        onChange: (event) => { searched = event.target.value; setQuery(searched); },
      }),
      status && h('p', { className: 'status', role: 'status' }, status),
      h('ul', null, results.slice(0, SHOWN).map(({ entry, line }) => h('li', { key: entry.name },
        h('button', { type: 'button', title: 'Open in Docs', onClick: () => open(entry) }, h('code', null, entry.name), ' ', h('small', null, KIND[entry.kind])),
        line && h('div', { className: 'line' }, marked(line))))));
  }
  const searchPlugin = { title: SEARCH, icon: () => h(GraphiQL.React.MagnifyingGlassIcon), content: SchemaSearch };

  /** Who is signed in, as what; Sign in or Sign out. */
  function Session() {
    if (me.signedIn) {
      const where = me.careerCenter ? `, ${me.careerCenter}` : '';
      return h('header', { id: 'session' },
        h('span', { 'data-testid': 'signed-in' }, 'Signed in as ', h('b', null, me.name || me.subject), ` — ${me.role}${where}`),
        h('form', { method: 'post', action: '/auth/logout' }, h('button', { type: 'submit' }, 'Sign out')));
    }
    return h('header', { id: 'session' },
      h('span', { 'data-testid': 'signed-out' }, me.signIn ? 'Not signed in.' : 'Not signed in: browser sign-in is off; put a bearer token under Shared headers.',
        me.reason === 'SESSION_EXPIRED' ? ' The session has expired.' : ''),
      me.signIn && h('a', { href: `${me.signIn}?returnTo=/graphql` }, 'Sign in'));
  }

  function Page() {
    const [shared, setShared] = React.useState(storedHeaders);
    // A new fetcher when the shared headers change: GraphiQL then loads the schema again with them.
    const fetcher = React.useMemo(() => fetcherWith(shared), [shared]);
    const plugins = React.useMemo(() => [
      searchPlugin,
      GraphiQLPluginExplorer.explorerPlugin(),
      { title: 'Shared headers', icon: () => h('span', { className: 'shared-headers-icon', 'aria-hidden': true }, 'H'), content: () => h(SharedHeaders, { shared, onChange: setShared }) },
    ], [shared]);
    return h(React.Fragment, null,
      h(Session),
      h('main', { id: 'graphiql' }, h(GraphiQL, {
        fetcher,
        plugins,
        defaultTabs: examples.map(({ query }) => ({ query })),
        defaultEditorToolsVisibility: false,
      })));
  }

  ReactDOM.createRoot(document.getElementById('page')).render(h(Page));
})();
