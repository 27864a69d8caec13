// The console in a real browser (Debian's chromium driven by playwright-core) against the packaged application.
// The steps run in order and build on each other, as an operator's session does. e2e/run.sh sets the environment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = process.env.LANDLORD_URL;
const CLIENT_ID = process.env.LANDLORD_CLIENT_ID;
const CLIENT_SECRET = process.env.LANDLORD_CLIENT_SECRET;
const ARTIFACTS = process.env.E2E_ARTIFACTS ?? fileURLToPath(new URL('artifacts', import.meta.url));
const DOCS = process.env.E2E_DOCS_DIR;
const TIMEOUT = 30_000;

const stamp = Date.now().toString(36);
const tenantName = `E2E Tenant ${stamp}`;
const subdomain = `e2e-${stamp}`;
const xssName = '<img src=x onerror=alert(1)>';

let browser;
let context;
let page;
const requests = [];
const alerts = [];
const created = {};

before(async () => {
  assert.ok(BASE && CLIENT_ID && CLIENT_SECRET, 'LANDLORD_URL, LANDLORD_CLIENT_ID and LANDLORD_CLIENT_SECRET are set');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  context.on('request', (request) => requests.push(request.url()));
  context.on('page', (opened) => opened.on('dialog', async (dialog) => {
    if (dialog.type() === 'confirm') {
      await dialog.accept();
    } else {
      alerts.push(dialog.message());
      await dialog.dismiss();
    }
  }));
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
});

async function screenshot(name, { docs = false } = {}) {
  const file = `${name}.png`;
  await page.screenshot({ path: path.join(ARTIFACTS, file), fullPage: true });
  if (docs && DOCS) {
    fs.mkdirSync(DOCS, { recursive: true });
    fs.copyFileSync(path.join(ARTIFACTS, file), path.join(DOCS, file));
  }
}

/** A step of the session: on failure the page as it was is saved next to the other artifacts. */
function step(name, body) {
  test(name, async (t) => {
    try {
      await body(t);
    } catch (error) {
      await screenshot(`failure-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
      throw error;
    }
  });
}

async function tokenFor(clientId, clientSecret) {
  return fetch(`${BASE}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
}

/** Fills the create form and waits for the operation to finish and the one-time secret to appear. */
async function createTenant(name, sub) {
  await page.goto(`${BASE}/console/tenants`);
  const form = page.locator('form[hx-post="/console/tenants"]');
  await form.locator('input[name="name"]').fill(name);
  await form.locator('input[name="subdomain"]').fill(sub);
  await form.locator('button[type="submit"]').click();
  const secret = page.locator('#create-result [data-secret]');
  await secret.waitFor();
  const link = page.locator('#create-result a[href^="/console/tenants/"]');
  return {
    secret: (await secret.textContent()).trim(),
    clientId: (await page.locator('#create-result .secret code:not([data-secret])').textContent()).trim(),
    path: await link.getAttribute('href'),
  };
}

step('signs in with a management client', async () => {
  await page.goto(`${BASE}/console`);
  assert.match(page.url(), /\/console\/sign-in$/);
  await page.fill('input[name="clientId"]', CLIENT_ID);
  await page.fill('input[name="clientSecret"]', 'llsec_not_the_secret');
  await page.click('button[type="submit"]');
  await page.locator('p.error', { hasText: 'Client id or secret is wrong' }).waitFor();
  await page.fill('input[name="clientSecret"]', CLIENT_SECRET);
  await page.click('button[type="submit"]');
  await page.locator('h1', { hasText: 'Overview' }).waitFor();
  assert.equal(await page.evaluate(() => document.cookie), '', 'the session cookie is HttpOnly: no script reads it');
});

step('shows a refused create next to the field it concerns', async () => {
  await page.goto(`${BASE}/console/tenants`);
  const form = page.locator('form[hx-post="/console/tenants"]');
  await form.locator('input[name="subdomain"]').fill('Not A Subdomain');
  await form.locator('button[type="submit"]').click();
  const note = form.locator('label:has(input[name="subdomain"]) .field-error');
  await note.waitFor();
  assert.match(await note.textContent(), /lower-case/);
});

step('creates a tenant, follows its creation and copies the admin secret, shown once', async () => {
  Object.assign(created, await createTenant(tenantName, subdomain));
  assert.match(created.secret, /^llsec_/);
  await page.click('#create-result button[data-copy]');
  await page.locator('#create-result button[data-copy]', { hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), created.secret);
  await screenshot('tenant-created', { docs: true });
  await page.reload();
  assert.equal(await page.locator('[data-secret]').count(), 0);
  assert.ok(!(await page.content()).includes(created.secret), 'the secret is gone after a reload');
  assert.equal((await tokenFor(created.clientId, created.secret)).status, 200, 'the copied secret works');
});

step('finds the tenant by a CONTAINS search', async () => {
  await page.goto(`${BASE}/console/tenants`);
  await page.selectOption('select[name="attribute"]', 'subdomain');
  await page.selectOption('select[name="operator"]', 'CONTAINS');
  await page.fill('input[name="text"]', stamp);
  await page.click('form[role="search"] button[type="submit"]');
  await page.locator('table a', { hasText: tenantName }).waitFor();
  assert.equal(await page.locator('tbody tr').count(), 1);
  assert.match(page.url(), /operator=CONTAINS/);
});

/** Bytes transferred (headers and bodies, as the network sent them) and requests for one load of {@code url}. */
async function pageWeight(url, cacheDisabled) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled });
  let bytes = 0;
  let count = 0;
  cdp.on('Network.loadingFinished', (event) => { bytes += event.encodedDataLength; count += 1; });
  await page.goto(url, { waitUntil: 'networkidle' });
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.detach();
  return { bytes, count };
}

step('measures the tenants list page weight', async (t) => {
  // a full first page: 25 more tenants through the API
  const token = (await (await tokenFor(CLIENT_ID, CLIENT_SECRET)).json()).access_token;
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const environment = (await (await fetch(`${BASE}/v1/environments`, { headers })).json()).data[0].id;
  for (let i = 0; i < 25; i++) {
    const response = await fetch(`${BASE}/v1/tenants`, {
      method: 'POST', headers,
      body: JSON.stringify({ name: `Weight ${i} ${stamp}`, subdomain: `w${i}-${stamp}`, environmentId: environment }),
    });
    assert.equal(response.status, 201);
  }
  const cold = await pageWeight(`${BASE}/console/tenants`, true);
  const warm = await pageWeight(`${BASE}/console/tenants`, false);
  const rows = await page.locator('tbody tr').count();
  const line = `tenants list page weight (${rows} rows): ${cold.bytes} bytes transferred in ${cold.count} requests`
      + ` with an empty cache, ${warm.bytes} bytes in ${warm.count} requests with a warm cache`;
  console.log(line);
  t.diagnostic(line);
  fs.writeFileSync(path.join(ARTIFACTS, 'page-weight.txt'), `${line}\n`);
  assert.equal(rows, 25);
  assert.ok(cold.bytes > 0 && cold.count >= 4, 'the page, its stylesheet and both scripts were loaded');
  await screenshot('tenants', { docs: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot('tenants-390', { docs: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `readable at 390 px without scrolling sideways (overflow ${overflow}px)`);
});

step('locks the tenant, and a token request for its client is refused', async () => {
  const tail = await context.newPage();
  await tail.goto(`${BASE}/console/events?tenantId=${created.path.split('/').pop()}`);
  await tail.locator('#tail-status', { hasText: 'Live' }).waitFor();
  created.tail = tail;
  await page.goto(`${BASE}${created.path}`);
  await page.locator('h1', { hasText: tenantName }).waitFor();
  await page.locator('#clients table').waitFor();
  await page.waitForLoadState('networkidle');
  await screenshot('tenant', { docs: true });
  await page.click('form[hx-post$="/lock"] button');
  await page.locator('h1 .badge', { hasText: 'locked' }).waitFor();
  await page.locator('form[hx-post$="/unlock"]').waitFor();
  const refused = await tokenFor(created.clientId, created.secret);
  assert.equal(refused.status, 400);
  assert.match((await refused.json()).error_description, /locked/);
});

step('sees the TENANT_LOCK event arrive in the live tail', async () => {
  const tail = created.tail;
  await tail.locator('tbody[data-tail] tr', { hasText: 'TENANT_LOCK_SUCCESS' }).waitFor();
  assert.ok(await tail.locator('tbody[data-tail] tr', { hasText: CLIENT_ID }).count() > 0, 'the actor is shown');
  await tail.bringToFront();
  await tail.screenshot({ path: path.join(ARTIFACTS, 'events.png'), fullPage: true });
  if (DOCS) {
    fs.copyFileSync(path.join(ARTIFACTS, 'events.png'), path.join(DOCS, 'events.png'));
  }
  await tail.close();
});

step('registers a webhook and sees its secret once', async () => {
  await page.goto(`${BASE}/console/webhooks`);
  await page.fill('input[name="url"]', `http://127.0.0.1:9/landlord-e2e-${stamp}`);
  await page.fill('input[name="eventTypes"]', 'TENANT_LOCK_SUCCESS TENANT_UNLOCK_SUCCESS');
  await page.click('form[hx-post="/console/webhooks"] button[type="submit"]');
  const secret = page.locator('#webhook-result [data-secret]');
  await secret.waitFor();
  const value = (await secret.textContent()).trim();
  assert.match(value, /^whsec_/);
  await page.reload();
  await page.locator('table a', { hasText: `landlord-e2e-${stamp}` }).waitFor();
  assert.ok(!(await page.content()).includes(value), 'the webhook secret is gone after a reload');
  await screenshot('webhooks', { docs: true });
});

step('shows a tenant named with markup as text', async () => {
  const xss = await createTenant(xssName, `e2e-xss-${stamp}`);
  await page.goto(`${BASE}${xss.path}`);
  await page.locator('h1').waitFor();
  assert.equal((await page.locator('h1').textContent()).trim(), xssName);
  assert.equal(await page.locator('main img').count(), 0, 'no image element was made from the name');
  await page.goto(`${BASE}/console/tenants?attribute=subdomain&operator=CONTAINS&text=e2e-xss-${stamp}`);
  await page.locator('table a', { hasText: xssName }).waitFor();
  assert.equal(await page.locator('main img').count(), 0);
  assert.deepEqual(alerts, [], 'no script ran');
});

step('counts the tenants and the locked one on the overview', async () => {
  await page.goto(`${BASE}/console`);
  const figure = async (label) => Number(await page.locator('.figure', { hasText: label }).locator('strong').textContent());
  assert.ok(await figure('tenants') >= 27, 'the 27 tenants made in this session');
  assert.ok(await figure('locked') >= 1);
  await page.locator('table.events tbody tr', { hasText: 'TENANT_CREATE_SUCCESS' }).first().waitFor();
  await screenshot('overview', { docs: true });
});

step('signs out, and the console asks to sign in again', async () => {
  await page.click('header form.who button[type="submit"]');
  await page.waitForURL(/\/console\/sign-in$/);
  await page.goto(`${BASE}/console/tenants`);
  assert.match(page.url(), /\/console\/sign-in$/);
});

step('kept no token or secret in browser storage', async () => {
  // htmx keeps the current path in sessionStorage for its history support; nothing else may be there
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  assert.doesNotMatch(stored, /llsec_|whsec_|llkey_|eyJ/, `browser storage holds ${stored}`);
  assert.ok(!stored.includes(created.secret));
  assert.equal(await page.evaluate(() => document.cookie), '');
});

step('made no request outside the origin', () => {
  const foreign = requests.filter((url) => !url.startsWith(`${BASE}/`));
  assert.ok(requests.length > 20, `the session made requests (${requests.length})`);
  assert.deepEqual(foreign, []);
});
