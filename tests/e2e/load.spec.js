// Loading real exports: the file input, `?data=` URLs, the load report, hostile files, and the
// requests the page makes. Numbers are compared with `insights report` of the same files.
const { test, expect } = require('@playwright/test');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { DashboardPage } = require('./dashboard-page');

const ROOT = process.env.PI_ROOT || path.resolve(__dirname, '..', '..');
const INSIGHTS = path.join(ROOT, 'target', 'debug', process.platform === 'win32' ? 'insights.exe' : 'insights');
const SAMPLE = path.join(ROOT, 'data', 'sample.json');
const HOSTILE = path.join(ROOT, 'tests', 'fixtures', 'hostile');
const TRUNCATED = path.join(HOSTILE, 'truncated.json');

function insights(args) {
  if (!fs.existsSync(INSIGHTS)) throw new Error(`${INSIGHTS} is missing: run cargo build -p pi-cli`);
  return execFileSync(INSIGHTS, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** `insights report` of these files, default range (the page's default too). */
function cliReport(files) {
  return JSON.parse(insights(['report', ...files]));
}

/** A small synthetic book in `format`, written by the CLI into a fresh temp dir. */
function generate(format) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pi-load-${format}-`));
  insights(['generate', '--customers', '40', '--months', '18', '--format', format, '--output', dir]);
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => path.join(dir, f));
}

/** The tiles equal the CLI's summary. */
async function expectTiles(dash, report) {
  const s = report.summary;
  const fmt = (n) => (n === null ? '—' : Math.abs(n).toLocaleString('en-US'));
  await expect(dash.tile('kpi-customers').getByTestId('kpi-value')).toHaveText(fmt(s.customers.value));
  await expect(dash.tile('kpi-subscriptions').getByTestId('kpi-value')).toHaveText(fmt(s.subscriptions.value));
  expect(await dash.values()).toEqual({
    'kpi-customers': s.customers.value,
    'kpi-active-customers': s.active_customers.value,
    'kpi-subscriptions': s.subscriptions.value,
    'kpi-net-added': s.net_added.value,
    'kpi-churn': s.last_month_churn.value,
  });
  await expect(dash.asOf).toHaveAttribute('datetime', report.as_of);
}

function fileRow(page, name) {
  return page.getByTestId('load-report').locator('.pi-load__file').filter({
    has: page.locator('.pi-load__name', { hasText: name }),
  });
}

async function openReport(page) {
  const report = page.getByTestId('load-report');
  if ((await report.getAttribute('open')) === null) await report.locator('summary').click();
  await expect(report.locator('.pi-load__files')).toBeVisible();
  return report;
}

test.describe('loading exports', () => {
  let dash;

  test.beforeEach(async ({ page }) => {
    dash = new DashboardPage(page);
    await dash.goto();
    await dash.ready();
  });

  test('Insights CSV files and a broken file through the file input', async ({ page }) => {
    const csv = generate('insights-csv');
    await page.getByTestId('file-input').setInputFiles([...csv, TRUNCATED]);
    const report = page.getByTestId('load-report');
    await expect(report).toContainText(`${csv.length + 1} files`);
    await expect(report).toContainText('1 refused');
    await expectTiles(dash, cliReport(csv));
    await openReport(page);
    for (const f of csv) {
      const row = fileRow(page, path.basename(f));
      await expect(row).toContainText('Loaded');
      await expect(row.locator('.pi-load__format')).toContainText(/^Insights [A-Za-z]+ \(CSV\)$/);
      await expect(row.locator('.pi-load__used')).toHaveText(/^[\d,]+$/);
    }
    const bad = fileRow(page, 'truncated.json');
    await expect(bad).toContainText('Refused');
    await expect(bad.locator('.pi-load__refused')).toContainText(/^truncated\.json: not valid JSON/);
    // the page's own name for the data: the sample is gone from the header
    await expect(page.getByRole('banner')).toContainText('CustomersAndTenants.csv');
  });

  test('REST JSON files; add to them, remove one, back to the sample', async ({ page }) => {
    const rest = generate('rest');
    const customers = rest.find((f) => path.basename(f) === 'customers.json');
    const subscriptions = rest.find((f) => path.basename(f) === 'subscriptions.json');
    await page.getByTestId('file-input').setInputFiles([customers, subscriptions]);
    await expectTiles(dash, cliReport([customers, subscriptions]));

    // add a broken file and the rest of the export: the good ones load, the broken one is named
    await page.getByRole('radio', { name: 'Add to the data' }).check();
    const others = rest.filter((f) => f !== customers && f !== subscriptions);
    await page.getByTestId('file-input').setInputFiles([...others, TRUNCATED]);
    await expect(page.getByTestId('load-report')).toContainText(`${rest.length + 1} files`);
    await expectTiles(dash, cliReport(rest));
    await openReport(page);
    await expect(fileRow(page, 'truncated.json')).toContainText('Refused');
    await expect(fileRow(page, 'subscriptions.json').locator('.pi-load__format')).toHaveText(
      'Partner Center API: subscription (JSON)',
    );

    // remove the broken file, then subscriptions: the report and the numbers follow
    await page.getByRole('button', { name: 'Remove truncated.json' }).click();
    await expect(page.getByTestId('load-report')).toContainText(`${rest.length} files`);
    await expect(page.getByTestId('load-report')).not.toContainText('truncated.json');
    await page.getByRole('button', { name: 'Remove subscriptions.json' }).click();
    await expect(page.getByTestId('load-report')).toContainText(`${rest.length - 1} files`);
    await expectTiles(dash, cliReport(rest.filter((f) => f !== subscriptions)));

    await page.getByRole('button', { name: 'Back to the sample' }).click();
    await expect(page.getByTestId('load-report')).toContainText('1 file ·');
    await expectTiles(dash, cliReport([SAMPLE]));
    await expect(page.getByRole('button', { name: 'Back to the sample' })).toBeHidden();
  });

  test('the same files through ?data= and through the input give the same numbers', async ({ page }) => {
    await dash.goto('data=data/sample.json,data/examples/truncated-export.json');
    await dash.ready();
    await expectTiles(dash, cliReport([SAMPLE]));
    await openReport(page);
    await expect(fileRow(page, 'sample.json')).toContainText('Partner Insights bundle (JSON)');
    await expect(fileRow(page, 'truncated-export.json').locator('.pi-load__refused')).toContainText(
      'truncated-export.json: not valid JSON',
    );
    // the same file picked from the disk: the same numbers, and `data` leaves the address
    await page.getByTestId('file-input').setInputFiles([SAMPLE]);
    await expect(page.getByTestId('load-report')).toContainText('1 file ·');
    await expectTiles(dash, cliReport([SAMPLE]));
    expect(new URL(page.url()).searchParams.get('data')).toBeNull();
    // a URL that does not exist is a refused file too, not a dead page
    await dash.goto('data=data/sample.json,data/examples/missing.csv');
    await dash.ready();
    await expect(page.getByTestId('load-report')).toContainText('1 refused');
    await openReport(page);
    await expect(fileRow(page, 'missing.csv')).toContainText(/could not fetch .*404/);
    // removing the missing URL takes it out of the address too (the sample alone is no parameter)
    await page.getByRole('button', { name: 'Remove missing.csv' }).click();
    await expect(page.getByTestId('load-report')).not.toContainText('missing.csv');
    await expect(page).toHaveURL(/^[^?]*(\?(?![^#]*\bdata=)[^#]*)?$/);
    await expectTiles(dash, cliReport([SAMPLE]));
  });

  test('nothing usable: no dashboard, the report says why', async ({ page }) => {
    await page.getByTestId('file-input').setInputFiles([TRUNCATED, path.join(HOSTILE, 'empty.json')]);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The data could not be loaded');
    await expect(alert).toContainText('truncated.json, empty.json');
    await expect(page.getByTestId('kpi-customers')).toHaveCount(0);
    const report = await openReport(page);
    await expect(report).toContainText('2 refused');
    await expect(fileRow(page, 'empty.json')).toContainText('empty.json: empty file');
    await expect(page.getByTestId('data-as-of')).toBeVisible();
  });
});

test('hostile files: each is named in the report, no markup becomes elements, no crash', async ({ page }) => {
  const dash = new DashboardPage(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await dash.goto();
  await dash.ready();
  const names = fs.readdirSync(HOSTILE).sort();
  const files = names.map((n) => ({
    name: n,
    mimeType: 'application/octet-stream',
    buffer: fs.readFileSync(path.join(HOSTILE, n)),
  }));
  // markup in a file name, and in values of a file that loads
  const evilName = '<img src=x onerror="window.__pwned=1">.csv';
  files.push({
    name: evilName,
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'CustomerTenantId,CustomerName,CustomerStatus,Month\n' +
        't-x,"<script>window.__pwned=2</script>",Active,2026-10\n' +
        't-y,"<img src=y onerror=window.__pwned=3>",Active,nope\n',
    ),
  });
  await page.getByTestId('file-input').setInputFiles(files);
  const report = page.getByTestId('load-report');
  await expect(report).toContainText(`${files.length} files`);
  await openReport(page);
  for (const n of [...names, evilName]) {
    await expect(report.locator('.pi-load__name', { hasText: n }).first()).toBeVisible();
  }
  await expect(fileRow(page, 'bad-dates.csv')).toContainText('No usable rows');
  // the markup is text: the problem about row 2 of the evil file shows it as typed
  await expect(fileRow(page, evilName).locator('.pi-load__problems')).toContainText('nope');
  expect(await report.locator('script, img, iframe, b, i').count()).toBe(0);
  expect(await page.locator('main img, main script, main iframe').count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await expect(page.locator('#pi-crash')).toHaveCount(0);
  expect(errors).toEqual([]);
  // the dashboard still works: the good rows loaded
  await dash.ready();
});

test('privacy: only the page\'s own assets and the data URLs are requested', async ({ page, baseURL }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const dash = new DashboardPage(page);
  await dash.goto();
  await dash.ready();
  const csv = generate('insights-csv');
  await page.getByTestId('file-input').setInputFiles(csv);
  await expect(page.getByTestId('load-report')).toContainText(`${csv.length} files`);
  await expectTiles(dash, cliReport(csv));

  const base = new URL(baseURL);
  const dist = path.join(ROOT, 'dist');
  const assets = new Set(fs.readdirSync(dist));
  expect(requests.length).toBeGreaterThan(0);
  for (const u of requests) {
    const url = new URL(u);
    expect(url.origin, u).toBe(base.origin);
    expect(url.pathname.startsWith(base.pathname), u).toBe(true);
    const rel = url.pathname.slice(base.pathname.length);
    // the page's own files: what the build put in dist/ (its code, styles, the sample and the
    // world map under data/), nothing else
    const own = !rel.includes('..') && fs.existsSync(path.join(dist, rel)) && fs.statSync(path.join(dist, rel)).isFile();
    const allowed = rel === '' || rel === 'index.html' || assets.has(rel) || own;
    expect(allowed, `unexpected request ${u}`).toBe(true);
  }
  // the picked files were read locally: no request names them
  for (const f of csv) expect(requests.some((u) => u.includes(path.basename(f)))).toBe(false);
});

test('a long load shows its progress and can be cancelled', async ({ page }) => {
  // a data URL whose answer never comes: the load stays in progress until cancelled
  await page.route('**/data/stalled.json', () => {});
  await page.goto('./?data=data/stalled.json');
  const progress = page.getByRole('status').filter({ hasText: 'Reading stalled.json (1 of 1)' });
  await expect(progress).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No data to show' })).toBeVisible();
  await expect(page.getByText('No file is loaded.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to the sample' }).click();
  await new DashboardPage(page).ready();
  await expectTiles(new DashboardPage(page), cliReport([SAMPLE]));
});

// The dashboard on the sample, whose worker starts as usual; every engine worker after it (the
// spare the engine starts for the next load, or a fresh one) is handled by `later(route)`.
async function laterWorkers(page, later) {
  let started = false;
  await page.route('**/engine-worker-*', (route) => {
    if (started) return later(route);
    if (route.request().url().endsWith('.wasm')) started = true;
    return route.continue();
  });
  const dash = new DashboardPage(page);
  await dash.goto();
  await dash.ready();
  expect(started).toBe(true);
  return { dash, before: await dash.values(), csv: generate('insights-csv') };
}

test('cancelling while the engine parses keeps the data as it was', async ({ page }) => {
  // later workers never get their script: the load stays at "Parsing" until cancelled, while
  // the worker holding the sample keeps it and keeps answering
  const { dash, before, csv } = await laterWorkers(page, () => {});
  await page.getByTestId('file-input').setInputFiles(csv);
  const progress = page.getByRole('status').filter({ hasText: /Parsing: .* of .* done/ });
  await expect(progress).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('load-report').locator('summary')).toContainText('1 file');
  await expect(page.getByTestId('load-report')).not.toContainText(path.basename(csv[0]));
  expect(await dash.values()).toEqual(before);
  // the next load works
  await page.unroute('**/engine-worker-*');
  await page.getByTestId('file-input').setInputFiles(csv);
  await expectTiles(dash, cliReport(csv));
});

test('when the engine stops in the middle of a load, the page says so and keeps its data', async ({ page }) => {
  // as when a worker runs out of memory in a parse: every later worker is the real engine with a
  // trap in front of its message handler, and the first one to be handed files (whichever it is:
  // a spare started a second after the last load, or one started for this load) fails on them;
  // the worker asks the test (a synchronous request) whether it is the first
  let fails = 1;
  await page.route('**/__pi_fail', (route) => {
    const fail = fails > 0;
    fails -= 1;
    return route.fulfill({ contentType: 'text/plain', body: fail ? '1' : '0' });
  });
  const { dash, before, csv } = await laterWorkers(page, (route) => {
    const url = route.request().url();
    if (!url.endsWith('_loader.js')) return route.continue();
    const trap = `
      let owner = self;
      while (owner && !Object.getOwnPropertyDescriptor(owner, 'onmessage')) owner = Object.getPrototypeOf(owner);
      const slot = Object.getOwnPropertyDescriptor(owner, 'onmessage');
      Object.defineProperty(self, 'onmessage', {
        configurable: true,
        get() { return slot.get.call(self); },
        set(handler) {
          slot.set.call(self, handler && function (e) {
            if (e.data && e.data.files) {
              const ask = new XMLHttpRequest();
              ask.open('GET', '/__pi_fail', false);
              ask.send();
              if (ask.responseText === '1') throw new Error('out of memory');
            }
            return handler.call(this, e);
          });
        },
      });
      importScripts(${JSON.stringify(url + '?real')});`;
    return route.fulfill({ contentType: 'text/javascript', body: trap });
  });
  await page.getByTestId('file-input').setInputFiles(csv);
  const stopped = page.getByTestId('load-stopped');
  await expect(stopped).toBeVisible();
  await expect(stopped).toHaveAttribute('role', 'alert');
  for (const f of csv) await expect(stopped).toContainText(path.basename(f));
  await expect(stopped).toContainText('The data on the page is as it was');
  await expect(page.getByRole('status').filter({ hasText: /Parsing|Reading/ })).toHaveCount(0);
  expect(await dash.values()).toEqual(before);
  await expect(page.getByTestId('load-report')).not.toContainText(path.basename(csv[0]));
  // the next load clears the notice
  await page.getByTestId('file-input').setInputFiles(csv);
  await expectTiles(dash, cliReport(csv));
  await expect(stopped).toHaveCount(0);
});

test('when the engine worker cannot start, the page still loads on its own thread', async ({ page }) => {
  // as under a host policy that forbids workers, or a script the host did not publish
  let blocked = 0;
  await page.route('**/engine-worker-*', (route) => {
    blocked += 1;
    return route.abort();
  });
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  const dash = new DashboardPage(page);
  await dash.goto();
  await dash.ready();
  expect(blocked).toBeGreaterThan(0);
  await expectTiles(dash, cliReport([SAMPLE]));
  expect(warnings.join('\n')).toContain('Web Worker could not start');
  // later loads keep working on the page's thread
  const csv = generate('insights-csv');
  await page.getByTestId('file-input').setInputFiles(csv);
  await expectTiles(dash, cliReport(csv));
});
