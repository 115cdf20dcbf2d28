// Loads GraphiQL in headless Chromium against a local `wrangler dev`, runs the example operation it
// opens with, and saves a screenshot. Every request outside 127.0.0.1 is blocked and reported:
// GraphiQL must work offline. Needs Debian's chromium (apt-get install -y chromium).
// Usage: node scripts/ci/browser-check.mjs [--screenshot FILE]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDevServer } from './dev-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(root);
const screenshotArg = process.argv.indexOf('--screenshot');
const screenshot = screenshotArg > 0 ? process.argv[screenshotArg + 1] : '.ci/graphiql.png';
const port = 8790;
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) =>
  fs.existsSync(p),
);
if (!executablePath) {
  console.error('browser-check: no chromium found (apt-get install -y chromium)');
  process.exit(2);
}

const copied = spawnSync(process.execPath, ['scripts/dev/copy-graphiql.mjs'], { stdio: 'inherit' });
if (copied.status !== 0) {
  console.error('browser-check: copying the GraphiQL files failed');
  process.exit(1);
}

let failed = false;
let server;
try {
  server = await startDevServer({ cwd: root, port });
  const { base } = server;
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const outside = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:'))
      return route.continue();
    outside.push(url);
    return route.abort();
  });
  // the first load of the 5 MB bundle and its editor workers can be slow on a busy machine:
  // wait for the page's own readiness (the run button), not for the network to go quiet
  await page.goto(`${base}/graphql`, { waitUntil: 'domcontentloaded', timeout: 90_000 });
  await page.waitForSelector('.graphiql-execute-button', { timeout: 90_000 });
  // the operation's answer as GraphiQL received it: the result editor renders only the lines in
  // view, so '565' (a later claim's preferredReason) is not in its text
  const answer = page.waitForResponse(
    (response) =>
      response.url().startsWith(`${base}/graphql`) &&
      (response.request().postData() ?? '').includes('preferredReason'),
    { timeout: 90_000 },
  );
  await page.click('.graphiql-execute-button');
  const result = await (await answer).text();
  await page
    .waitForFunction(
      () => document.querySelector('.result-window')?.textContent?.includes('preferredReason'),
      null,
      { timeout: 90_000 },
    )
    .catch(async (error) => {
      await page.screenshot({ path: screenshot });
      throw error;
    });
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
  await browser.close();
  if (outside.length > 0) throw new Error(`GraphiQL asked for outside URLs: ${outside.join(', ')}`);
  if (!result?.includes('565') || !result.includes('Mehr News Agency')) {
    throw new Error('the example operation did not return the expected claims');
  }
  console.log(
    `browser-check: GraphiQL loaded offline and ran the example operation; screenshot ${screenshot}`,
  );
} catch (error) {
  failed = true;
  console.error(`browser-check: ${error.message}`);
} finally {
  await server?.stop();
}
process.exit(failed ? 1 : 0);
