/**
 * /docs in a real browser: Debian's chromium driven by playwright-core (no browser download).
 * Skipped, saying why, where chromium is not installed (`apt-get install -y chromium`; .ci/run does).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDocsApp, type DocsApp } from './docs-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SKIP = existsSync(CHROMIUM) ? false : `chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;

/** The flags that keep chromium from calling Google's services on start (the network is closed). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SCREENSHOT_DIR = process.env.DOCS_SCREENSHOT_DIR ?? os.tmpdir();

interface PageVisit {
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  /** Console errors and Content-Security-Policy violations. */
  problems: string[];
}

let docs: DocsApp;
let browser: Browser;

before(async () => {
  if (SKIP) return;
  docs = await startDocsApp();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await docs?.stop();
});

async function visit(urlPath: string): Promise<PageVisit> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${docs.baseUrl}${urlPath}`);
  return { page, requests, problems };
}

function assertLoopbackOnly(requests: string[]): void {
  assert.ok(requests.length > 0);
  const outside = requests.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    const { hostname } = new URL(url);
    return !['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
  });
  assert.deepEqual(outside, [], 'requests that leave localhost');
}

describe('/docs in headless chromium', { skip: SKIP }, () => {
  test('renders the reference from this server only, with clients in exactly cURL, Node.js, Python and PHP', async () => {
    const { page, requests, problems } = await visit('/docs');
    await page.getByText('Client Libraries').waitFor({ timeout: 60_000 });
    await page.getByText('Integrate FlowBot into your applications').first().waitFor();

    // All clients are in the "More" menu, grouped by language.
    await page.getByRole('button', { name: /More/ }).first().click();
    const menu = page.locator('[role=listbox]').first();
    await menu.waitFor();
    const entries = (await menu.innerText()).split('\n').map((line) => line.trim());
    // Group headings are the languages; the entries under them are their clients.
    const clients = new Set(['Fetch', 'cURL', 'Curl', 'http.client', 'Requests']);
    const languages = entries.filter((entry) => entry !== '' && !clients.has(entry));
    assert.deepEqual(languages, ['Node.js', 'PHP', 'Python', 'Shell'], `client menu: ${entries.join(', ')}`);
    assert.deepEqual(
      entries.slice(entries.indexOf('Shell')),
      ['Shell', 'Curl'],
      'the shell client is cURL only',
    );
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'flowbot-docs.png') });
    await page.keyboard.press('Escape');

    // An operation of the published contract, with the guide's tested snippets as its samples.
    await page
      .getByRole('button', { name: /Integration webhooks/ })
      .first()
      .click();
    await page.getByText('Trigger Outbound Flow').first().click();
    await page.getByText('/api/webhook/outbound').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'flowbot-docs-outbound.png') });

    assertLoopbackOnly(requests);
    assert.ok(
      requests.some((url) => url.endsWith('/api/openapi.json')),
      'the page read /api/openapi.json',
    );
    assert.deepEqual(problems, [], 'console errors');
    await page.close();
  });

  test('the integration guide and the capability map pages load from this server only and link each other', async () => {
    for (const [urlPath, heading] of [
      ['/docs/integration-guide', 'FlowBot integration guide'],
      ['/docs/capabilities', 'FlowBot capability map'],
    ]) {
      const { page, requests, problems } = await visit(urlPath);
      await page.getByRole('heading', { name: heading }).waitFor();
      assert.ok(await page.locator('a[href="/docs"]').count());
      assert.ok(await page.locator('a[href="/docs/capabilities"]').count());
      assert.ok(await page.locator('a[href="/docs/integration-guide"]').count());
      assertLoopbackOnly(requests);
      assert.deepEqual(problems, [], `${urlPath}: console errors`);
      await page.close();
    }
  });
});
