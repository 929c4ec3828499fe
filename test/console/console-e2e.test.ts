/**
 * The web console end to end in Debian's chromium (playwright-core, no browser download) against the
 * real stack (test/docs/snippet-stack.ts: PostgreSQL, the Temporal dev server, a worker, the fake
 * Graph API, the API serving the built console). One stack and one page for the whole story: log in,
 * draw a flow, fix its validation problem, save and activate it, send a lead through the public API,
 * see the conversation in the inbox, answer as an agent, rotate the API key. Every page is scanned
 * with axe-core and photographed into docs/images/console/. Skipped where chromium is missing.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { randomPhone } from '../api/conversation-fixtures';
import { waitFor } from '../support/full-stack';
import { startSnippetStack, type SnippetStack } from '../docs/snippet-stack';
import { ensureConsoleBuilt } from '../../scripts/ensure-console-built';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SKIP = existsSync(CHROMIUM) ? false : `chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;
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
const SCREENSHOTS = path.resolve(__dirname, '../../docs/images/console');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let snippets: SnippetStack;
let browser: Browser;
let page: Page;
/** Console errors and CSP violations seen by the page. */
const problems: string[] = [];

before(async () => {
  if (SKIP) return;
  ensureConsoleBuilt();
  snippets = await startSnippetStack();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1366, height: 850 } });
  page.setDefaultTimeout(15_000);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await snippets?.stop();
});

/** Runs axe-core in the page (through the debugger, so the page's CSP stays on) and returns serious findings. */
async function seriousViolations(): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 3).join(', ')}`);
}

/** Scans the page and saves its screenshot as docs/images/console/<name>.png. */
async function checkPage(name: string): Promise<void> {
  assert.deepEqual(await seriousViolations(), [], `axe-core on the ${name} page`);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('the web console in headless chromium', { skip: SKIP, timeout: 120_000 }, () => {
  let flowId: string;
  let customerPhone: string;

  test('serves the page with a strict CSP and logs in', async () => {
    const response = await page.goto(snippets.baseUrl + '/');
    assert.equal(response?.status(), 200);
    const csp = response!.headers()['content-security-policy'];
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    await page.getByLabel('Username').fill(snippets.account.username);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').waitFor();
    await checkPage('login');
    await page.getByLabel('Password').fill(snippets.account.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    await checkPage('flows');
  });

  test('draws a three-node flow, sees the problem on its node, fixes it, saves and activates', async () => {
    await page.getByLabel('New flow name').fill('Console lead flow');
    await page.getByRole('button', { name: 'Create flow' }).click();
    await page.locator('.drawflow-node').first().waitFor();
    flowId = decodeURIComponent(page.url().split('#/flows/')[1]);
    await page.getByLabel('WhatsApp number').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Template', exact: true }).click();
    await page.getByRole('button', { name: 'Handoff', exact: true }).click();
    const nodes = page.locator('.drawflow-node');
    assert.equal(await nodes.count(), 3);
    // Connections through each node's Connections list (the keyboard's way; Drawflow's drag is mouse-only).
    await page.locator('#node-1').click();
    await page.locator('.connections select').first().selectOption('2');
    await page.locator('#node-2').click();
    await page.locator('.connections select').first().selectOption('3');
    assert.equal(await page.locator('.drawflow .connection').count(), 2);
    await page.getByRole('button', { name: 'Validate' }).click();
    // The template node has no template yet: the problem is on node 2 and on its name field.
    await page.locator('#node-2.has-problem').waitFor();
    const listed = await page.getByRole('region', { name: 'Problems' }).textContent();
    assert.equal(await page.locator('#node-3.has-problem').count(), 0, listed ?? '');
    await page.locator('#node-2').click();
    const nameField = page.getByLabel('Name *');
    assert.equal(await nameField.getAttribute('aria-invalid'), 'true');
    await checkPage('editor');
    await nameField.fill('order_update');
    await nameField.blur();
    await page.getByLabel('Language *').fill('en');
    await page.getByLabel('Language *').blur();
    await page.getByLabel('Body Params').fill('{{name}}');
    await page.getByLabel('Body Params').blur();
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText('No problems found.').waitFor();
    assert.equal(await page.locator('.has-problem').count(), 0);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Activated.').waitFor();
    await page.locator('.status-active').first().waitFor();
  });

  test('a lead sent through the public API appears in the inbox, and the agent answers it', async () => {
    const { clientId, apiKey } = snippets.account;
    const exchanged = await fetch(`${snippets.baseUrl}/api/auth/api-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientId, apiKey }),
    });
    const { accessToken } = (await exchanged.json()) as { accessToken: string };
    customerPhone = randomPhone();
    const lead = await fetch(`${snippets.baseUrl}/api/webhook/flow/${flowId}/lead`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ phone: customerPhone, name: 'Ada <b>Lovelace</b>' }),
    });
    assert.ok(lead.ok, await lead.text());
    await waitFor(() => snippets.stack.messagesTo(customerPhone).length >= 1, 20_000);

    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByLabel('Search by phone or name').fill('lovelace');
    // The customer's name is shown as text: the markup in it is not rendered.
    await page.getByText('Ada <b>Lovelace</b>').first().click();
    await page.getByText('only an approved template can be sent').waitFor();
    await page.getByLabel('Template').selectOption('order_update|en');
    await page.getByLabel('Parameters, one per line').fill('Your order shipped');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Sent.').waitFor();
    await waitFor(() => snippets.stack.messagesTo(customerPhone).length >= 2, 20_000);
    const reply = snippets.stack.messagesTo(customerPhone)[1];
    assert.equal(reply.type, 'template');
    assert.match(JSON.stringify(reply.body), /Your order shipped/);
    await page.getByText('Run timeline').waitFor();
    await checkPage('inbox');
  });

  test('rotating the API key shows the new key once, and the old key is refused', async () => {
    const oldKey = snippets.account;
    await page.getByRole('link', { name: 'Settings' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Rotate API key' }).click();
    const newKey = (await page.locator('[data-secret]').textContent())!.trim();
    assert.notEqual(newKey, oldKey.apiKey);
    const refused = await fetch(`${snippets.baseUrl}/api/auth/api-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientId: oldKey.clientId, apiKey: oldKey.apiKey }),
    });
    assert.equal(refused.status, 401);
    const clientId = (await page.locator('[data-client-id]').textContent())!.trim();
    const accepted = await fetch(`${snippets.baseUrl}/api/auth/api-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientId, apiKey: newKey }),
    });
    assert.equal(accepted.status, 200);
    await checkPage('settings');
    await page.getByRole('link', { name: 'AI generator' }).click();
    await page.getByRole('heading', { name: 'Generate a flow with AI' }).waitFor();
    await checkPage('generator');
  });

  test('no console error or CSP violation on any page, and log out', async () => {
    await page.getByRole('button', { name: /Log out/ }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    // The failed login's 401 is the one expected error line.
    assert.deepEqual(
      problems.filter((line) => !/401/.test(line)),
      [],
    );
  });
});
