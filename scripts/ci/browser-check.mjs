// Loads GraphiQL in headless Chromium against a local `wrangler dev`, runs the example operation it
// opens with, saves a screenshot, then checks the opening tabs (distinct titles, the English tab in
// English, no escaped text in variables). Every request outside 127.0.0.1 is blocked and reported:
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

/** The text of the visible editor in `selector` (Monaco writes spaces as no-break spaces). */
const editorText = (page, selector) =>
  page.evaluate(
    (s) =>
      [...document.querySelectorAll(`${s} .view-lines`)]
        .find((lines) => lines.offsetParent !== null)
        ?.textContent?.replaceAll('\u00a0', ' '),
    selector,
  );

/**
 * The opening tabs: each title is distinct, the English tab asks in English (header and `lang`
 * alike), and Persian text in a variable, a ZWNJ included, shows as the characters themselves.
 */
async function checkTabs(page) {
  const titles = await page.$$eval('.graphiql-tab-button', (tabs) =>
    tabs.map((tab) => tab.textContent),
  );
  if (new Set(titles).size !== titles.length) {
    throw new Error(`GraphiQL tabs share titles: ${titles.join(', ')}`);
  }
  // the tab bar scrolls, so the tab is clicked by event rather than by position
  await page
    .getByRole('button', { name: 'SolarCapacityClaims_EN', exact: true })
    .dispatchEvent('click');
  await page.waitForFunction(() =>
    document
      .querySelector('.graphiql-query-editor')
      ?.textContent?.includes('SolarCapacityClaims_EN'),
  );
  const variables = await editorText(page, '.graphiql-editor-tool');
  await page.getByText('Headers', { exact: true }).click();
  await page.waitForTimeout(500);
  const headers = await editorText(page, '.graphiql-editor-tool');
  if (!variables?.includes('"lang": "EN"') || !headers?.includes('"Accept-Language": "en"')) {
    throw new Error(`the English tab sends ${headers} with ${variables}`);
  }
  await page.getByText('Variables', { exact: true }).click();
  await page.getByRole('button', { name: 'Search_FA', exact: true }).dispatchEvent('click');
  await page.waitForFunction(() =>
    document.querySelector('.graphiql-query-editor')?.textContent?.includes('Search_FA'),
  );
  const search = await editorText(page, '.graphiql-editor-tool');
  if (/\\u[0-9a-f]{4}/i.test(search ?? '')) throw new Error(`escaped text in ${search}`);
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
  await checkTabs(page);
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
