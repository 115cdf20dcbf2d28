// Follows every part of a walked export (Link rel="next") against a served Ostan and prints the
// parts, the rows they held, and the D1 rows each read (what the address's rows budget grew by)
// against its price (x-ostan-rows-priced).
//
//   node scripts/bench/serve.mjs --ostan .bench/build/ostan/index.js \
//     --floor .bench/build/floor/index.js --state .bench/state-N --port 9441   (in its own group)
//   node scripts/bench/export-parts.mjs http://127.0.0.1:9441 \
//     ['/exports/projects.ndjson?status=suspended,cancelled']
const base = process.argv[2];
const path = process.argv[3] ?? '/exports/projects.ndjson?status=suspended,cancelled';
if (!base) throw new Error('usage: export-parts.mjs <base url> [export path]');
// one address for every part: the rows budget it reports is the parts' rows read
const headers = { 'cf-connecting-ip': '198.51.100.77' };

async function rowsSpent() {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return (await response.json()).extensions?.queryCost?.rowsBudget?.used ?? 0;
}

const out = { parts: 0, rows: 0, maxRead: 0, maxPriced: 0, totalRead: 0, partsOverPrice: 0 };
const started = Date.now();
let next = `${base}${path}`;
while (next) {
  const before = await rowsSpent();
  const response = await fetch(next, { headers });
  const text = await response.text();
  if (response.status !== 200) {
    out.stopped = { status: response.status, body: text.slice(0, 300) };
    break;
  }
  const read = (await rowsSpent()) - before;
  const priced = Number(response.headers.get('x-ostan-rows-priced'));
  out.parts += 1;
  out.rows += text.split('\n').filter((line) => line !== '').length;
  out.maxRead = Math.max(out.maxRead, read);
  out.maxPriced = Math.max(out.maxPriced, priced);
  out.totalRead += read;
  if (read > priced) out.partsOverPrice += 1;
  // the Link names the server's own origin: ask the same base
  const link = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
  next = link ? `${base}${new URL(link).pathname}${new URL(link).search}` : null;
}
out.seconds = (Date.now() - started) / 1000;
console.log(JSON.stringify(out));
