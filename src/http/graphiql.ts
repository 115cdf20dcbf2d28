/**
 * The GraphiQL page, served by yoga for browser GETs of /graphql. It is yoga's own default page
 * (graphql-yoga/esm/graphiql-html.js) with every unpkg/GitHub URL replaced by files under
 * /graphiql/, which scripts/dev/copy-graphiql.mjs copies from @graphql-yoga/graphiql's dist into
 * public/graphiql/ for Workers Static Assets. The page references no outside URL.
 */
import { Kind, parse, print, visit } from 'graphql';
import type { GraphiQLOptions } from 'graphql-yoga';

/** Where scripts/dev/copy-graphiql.mjs puts the files, relative to the site root. */
const ASSETS = '/graphiql';

export type GraphiQLPageOptions = Omit<GraphiQLOptions, 'endpoint' | 'title'> & {
  /** The GraphQL endpoint, e.g. '/graphql' (resolved against the page URL). */
  endpoint: string;
  /** Plain text (not HTML); Persian is fine. */
  title: string;
  defaultQuery?: string;
  /** JSON text for the headers editor, e.g. '{"Accept-Language": "fa"}'. */
  headers?: string;
};

/** One opening tab: the operation, its variables and its headers (JSON text, as GraphiQL takes them). */
export interface GraphiQLTab {
  query: string;
  variables: string;
  headers: string;
}

/** The languages a tab can be asked in: its Accept-Language, its `lang` variables, its title. */
const TAB_LANGUAGES = { fa: 'FA', en: 'EN' } as const;

/** Every `lang` in `value`, at any depth, set to `lang`. */
function withLang(value: unknown, lang: string): unknown {
  if (Array.isArray(value)) return value.map((item) => withLang(item, lang));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === 'lang' ? lang : withLang(item, lang)]),
  );
}

/**
 * One tab of `document` asked in `language`. GraphiQL titles a tab with its operation's name, so
 * the operation is renamed `<Name>_FA` or `<Name>_EN`; the header and every `lang` variable agree.
 */
function tabIn(
  document: string,
  variables: unknown,
  language: keyof typeof TAB_LANGUAGES,
): GraphiQLTab {
  const lang = TAB_LANGUAGES[language];
  const renamed = visit(parse(document), {
    OperationDefinition: (node) =>
      node.name ? { ...node, name: { ...node.name, value: `${node.name.value}_${lang}` } } : node,
  });
  // the operation first, its fragments after: the editor shows the top of the document
  const operationFirst = [...renamed.definitions].sort(
    (a, b) =>
      Number(b.kind === Kind.OPERATION_DEFINITION) - Number(a.kind === Kind.OPERATION_DEFINITION),
  );
  return {
    query: print({ ...renamed, definitions: operationFirst }),
    variables: JSON.stringify(withLang(variables, lang), null, 2),
    headers: JSON.stringify({ 'Accept-Language': language }, null, 2),
  };
}

/**
 * GraphiQL's opening tabs: the solar question first, then every persisted operation that has
 * example variables, asked in Persian and (for the first two) in English too.
 */
export function graphiqlTabs(
  documents: readonly string[],
  examples: Record<string, unknown>,
): GraphiQLTab[] {
  const named = documents
    .map((query) => {
      const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      return { query, name: operation?.name?.value ?? '' };
    })
    .filter(({ name }) => Object.hasOwn(examples, name));
  named.sort(
    (a, b) => Number(b.name === 'SolarCapacityClaims') - Number(a.name === 'SolarCapacityClaims'),
  );
  return named.flatMap(({ query, name }, i) => {
    const variables = examples[name] ?? {};
    const tabs = [tabIn(query, variables, 'fa')];
    if (i < 2) tabs.push(tabIn(query, variables, 'en'));
    return tabs;
  });
}

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** JSON that is safe inside an inline <script> (no `</script>`, `<!--`, or U+2028/2029). */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

// An empty data: icon, so the browser asks for no /favicon.ico (and nothing outside).
const FAVICON = 'data:,';

export function renderGraphiQL(opts: GraphiQLPageOptions): string {
  const { favicon, defaultQuery, ...rest } = opts;
  // renderYogaGraphiQL puts `title` into innerHTML, so it gets escaped text. `query` wins over the
  // ?query= URL parameter in renderYogaGraphiQL, so the page sets it only when the URL has none
  // (shared links keep working); otherwise GraphiQL would open on yoga's welcome comment.
  const graphiqlOptions = { ...rest, title: escapeHtml(opts.title), defaultQuery };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(opts.title)}</title>
<link rel="icon" href="${escapeHtml(favicon ?? FAVICON)}">
<link rel="stylesheet" href="${ASSETS}/graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>GraphiQL needs JavaScript. / GraphiQL به جاوااسکریپت نیاز دارد.</noscript>
<div id="root">Loading… / در حال بارگذاری…</div>
<script>
// Monaco's web workers, same-origin: served from ${ASSETS}/ not from a CDN.
(function () {
  var workers = {
    editorWorkerService: '${ASSETS}/editor.worker.js',
    json: '${ASSETS}/json.worker.js',
    graphql: '${ASSETS}/graphql.worker.js'
  };
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) {
      return new URL(workers[label] || workers.editorWorkerService, location.href).href;
    }
  };
})();
</script>
<script src="${ASSETS}/yoga-graphiql.umd.js"></script>
<script>
(function () {
  var opts = ${scriptJson(graphiqlOptions)};
  if (opts.defaultQuery && !new URL(location.href).searchParams.get('query')) {
    opts.query = opts.defaultQuery;
  }
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), opts);
})();
</script>
</body>
</html>
`;
}
