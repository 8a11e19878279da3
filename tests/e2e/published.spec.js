// Partner Center's exports exactly as partners download them: the published-shape fixtures of the
// engine (programmatic CSV and TSV, the query preview's JSON, the portal's download reports, a
// European spreadsheet's re-save, EMS / Dynamics / Power BI / Azure usage) picked through the file
// input, then once as one .zip and a .gz of them. Every tile equals `insights report` of the same
// files, and the load report says for each file what `insights validate` says: its dataset, how
// it was delivered, how its dates were read and why, its notes, and what no file provides.
const { test, expect } = require('@playwright/test');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { DashboardPage } = require('./dashboard-page');

const ROOT = process.env.PI_ROOT || path.resolve(__dirname, '..', '..');
const INSIGHTS = path.join(ROOT, 'target', 'debug', process.platform === 'win32' ? 'insights.exe' : 'insights');
const PUBLISHED = path.join(ROOT, 'crates', 'metrics', 'tests', 'fixtures', 'load', 'published');
const FILES = fs
  .readdirSync(PUBLISHED)
  .sort()
  .map((f) => path.join(PUBLISHED, f));
const fixture = (name) => path.join(PUBLISHED, name);

function insights(args) {
  if (!fs.existsSync(INSIGHTS)) throw new Error(`${INSIGHTS} is missing: run cargo build -p pi-cli`);
  return execFileSync(INSIGHTS, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** The engine's sentence as the page writes it in English: capitalised, `;` in quotes. */
function asOnPage(s) {
  const t = s.replace(/`;`/g, '“;”');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/**
 * What `insights validate` says of each file (named as the page names it: its base name, or
 * `archive.zip/inner.csv`), and its line about what no file provides.
 */
function validate(files) {
  const out = insights(['validate', ...files]);
  const byName = new Map(files.map((f) => [f, path.basename(f)]));
  const reports = [];
  let lacking = null;
  for (const line of out.split('\n')) {
    const loaded = /^(.+?): loaded as (.+?) \(([^,()]+)(?:, (.+))?\): \d+ rows read/.exec(line);
    if (loaded) {
      const [, file, dataset, container, delivery] = loaded;
      const archived = files.find((f) => file.startsWith(`${f}/`));
      const name = archived ? `${byName.get(archived)}${file.slice(archived.length)}` : byName.get(file);
      const shape = container.startsWith('csv') ? 'CSV' : container === 'tsv' ? 'TSV' : 'JSON';
      reports.push({
        name,
        dataset: `${dataset} (${shape})`,
        delivery: delivery ? asOnPage(delivery.replace(/, (CSV|TSV|JSON)$/, ' ($1)')).replace(/^./, (c) => c.toLowerCase()) : null,
        dates: null,
        notes: [],
      });
    } else if (line.startsWith('no loaded file provides: ')) {
      lacking = asOnPage(line);
    } else if (line.startsWith('  ') && reports.length && !/^\s+(skipped|matched|\d)/.test(line)) {
      const detail = line.trim();
      const r = reports[reports.length - 1];
      if (detail.startsWith('dates read as ')) r.dates = asOnPage(detail);
      else if (!detail.includes(':') || /^no |^No /.test(detail)) r.notes.push(asOnPage(detail));
    }
  }
  return { reports, lacking };
}

/** The tiles equal the CLI's summary (the same check as load.spec.js). */
async function expectTiles(dash, files) {
  const s = JSON.parse(insights(['report', ...files])).summary;
  await expect(dash.tile('kpi-customers').getByTestId('kpi-value')).toHaveText(s.customers.value.toLocaleString('en-US'));
  expect(await dash.values()).toEqual({
    'kpi-customers': s.customers.value,
    'kpi-active-customers': s.active_customers.value,
    'kpi-subscriptions': s.subscriptions.value,
    'kpi-net-added': s.net_added.value,
    'kpi-churn': s.last_month_churn.value,
  });
}

async function openReport(page) {
  const report = page.getByTestId('load-report');
  if ((await report.getAttribute('open')) === null) await report.locator('summary').click();
  await expect(report.locator('.pi-load__files')).toBeVisible();
  return report;
}

/** The row of the file `name` (an archive's files are rows of their own). */
function fileRow(page, name) {
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page
    .getByTestId('load-report')
    .locator('.pi-load__file')
    .filter({ has: page.locator(':scope > .pi-load__head > .pi-load__name', { hasText: exact }) });
}

/** Each file's row says what `insights validate` says of it; the lacking line too. */
async function expectReport(page, files) {
  const { reports, lacking } = validate(files);
  expect(reports.length).toBeGreaterThan(0);
  for (const r of reports) {
    const row = fileRow(page, r.name);
    await expect(row, r.name).toHaveCount(1);
    await expect(row.locator('.pi-load__format'), r.name).toHaveText(r.dataset);
    if (r.delivery) await expect(row.locator('.pi-load__delivery'), r.name).toHaveText(r.delivery);
    else await expect(row.locator('.pi-load__delivery'), r.name).toHaveCount(0);
    if (r.dates) await expect(row.locator('.pi-load__dates'), r.name).toHaveText(r.dates);
    else await expect(row.locator('.pi-load__dates'), r.name).toHaveCount(0);
    await expect(row.locator('.pi-load__note'), r.name).toHaveText(r.notes);
  }
  const line = page.getByTestId('load-lacking');
  if (lacking) await expect(line).toContainText(lacking);
  else await expect(line).toHaveCount(0);
  return reports;
}

// A zip archive of `files` (deflated, as Partner Center's large downloads come), with no library.
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function zip(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(path.basename(f));
    const data = fs.readFileSync(f);
    const packed = zlib.deflateRawSync(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4); // version needed
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt32LE(0x00210000, 10); // 2016-01-01 00:00
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    head.copy(dir, 6, 4, 30); // version needed .. name length
    dir.writeUInt32LE(offset, 42);
    locals.push(head, name, packed);
    central.push(dir, name);
    offset += head.length + name.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

test.describe('published export shapes', () => {
  let dash;

  test.beforeEach(async ({ page }) => {
    dash = new DashboardPage(page);
    await dash.goto();
    await dash.ready();
  });

  test('every published shape through the file input: tiles, datasets, deliveries, dates', async ({ page }) => {
    expect(FILES.length).toBeGreaterThanOrEqual(13);
    await page.getByTestId('file-input').setInputFiles(FILES);
    await expect(page.getByTestId('load-report')).toContainText(`${FILES.length} files`);
    await expectTiles(dash, FILES);
    await openReport(page);
    const reports = await expectReport(page, FILES);
    expect(reports.map((r) => r.name)).toEqual(FILES.map((f) => path.basename(f)));
    // the shapes the engine tells apart, as the page says them
    const resaved = fileRow(page, 'customers_and_tenants_resaved.csv');
    await expect(resaved.locator('.pi-load__format')).toHaveText('Insights CustomersAndTenants (CSV)');
    await expect(resaved.locator('.pi-load__delivery')).toHaveText('re-saved by a spreadsheet (“;”, decimal commas)');
    await expect(resaved.locator('.pi-load__dates')).toHaveText(/^Dates read as day\/month: .*\(01\/02\/2025\)$/);
    await expect(fileRow(page, 'office_usage.json').locator('.pi-load__delivery')).toHaveText('query preview (JSON)');
    await expect(fileRow(page, 'customers_and_tenants.tsv').locator('.pi-load__format')).toHaveText(
      'Insights CustomersAndTenants (TSV)',
    );
    await expect(fileRow(page, 'seats_subscriptions_revenue_download.csv').locator('.pi-load__note')).toContainText(
      'No TotalSoldSeats or TotalAssignedSeats',
    );
    for (const [file, dataset] of [
      ['ems_usage.csv', 'Insights EMSUsage'],
      ['dynamics_usage.csv', 'Insights DynamicsUsage'],
      ['power_bi_usage.csv', 'Insights PowerBIUsage'],
      ['azure_usage_download.csv', 'Insights AzureUsage'],
    ]) {
      await expect(fileRow(page, file).locator('.pi-load__format')).toHaveText(`${dataset} (CSV)`);
    }
    // with 13 files the report stays compact: the tiles are still on the first screen
    await expect(page.getByTestId('kpi-customers')).toBeInViewport();
  });

  test('the same exports as one .zip and a .gz: each file inside is its own row', async ({ page }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pi-published-'));
    const gzipped = fixture('customers_and_tenants_resaved.csv');
    const zipped = FILES.filter((f) => f !== gzipped);
    const archive = path.join(dir, 'insights-export.zip');
    fs.writeFileSync(archive, zip(zipped));
    const gz = path.join(dir, 'customers_and_tenants_resaved.csv.gz');
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(gzipped)));

    await page.getByTestId('file-input').setInputFiles([archive, gz]);
    await expect(page.getByTestId('load-report')).toContainText(`${FILES.length} files`);
    await expectTiles(dash, [archive, gz]);
    // the archives' tiles are the loose files' tiles
    await expectTiles(dash, FILES);
    await openReport(page);
    const reports = await expectReport(page, [archive, gz]);
    expect(reports.length).toBe(FILES.length);
    for (const f of zipped) {
      await expect(fileRow(page, `insights-export.zip/${path.basename(f)}`)).toHaveCount(1);
    }
    // the archive itself: its name, what it is, a remove button that takes all its files away
    const top = page.getByTestId('load-report').locator('.pi-load__file').filter({ has: page.locator('.pi-load__entries') });
    await expect(top.first()).toContainText(`Zip archive · ${zipped.length} files inside`);
    await page.getByRole('button', { name: 'Remove insights-export.zip' }).click();
    await expect(page.getByTestId('load-report')).not.toContainText('insights-export.zip');
    await expectTiles(dash, [gz]);
  });

  test('what no loaded file provides is said, in English and French', async ({ page }) => {
    const files = [fixture('customers_and_tenants_resaved.csv'), fixture('ems_usage.csv')];
    await page.getByTestId('file-input').setInputFiles(files);
    await expectTiles(dash, files);
    const line = page.getByTestId('load-lacking');
    await expect(line).toBeVisible();
    await openReport(page);
    await expectReport(page, files);
    await expect(line).toContainText('No loaded file provides: subscription ids');

    // in French: the page's own sentences, built from the engine's structured report
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await expect(line).toContainText('Aucun fichier chargé ne fournit : identifiants d’abonnement');
    await openReport(page);
    const resaved = fileRow(page, 'customers_and_tenants_resaved.csv');
    await expect(resaved.locator('.pi-load__dates')).toHaveText(
      'Dates lues en jour/mois : toutes les valeurs de Month ne sont le premier d’un mois qu’en lecture jour/mois (01/02/2025)',
    );
    await expect(resaved.locator('.pi-load__delivery')).toHaveText('réenregistré par un tableur (« ; », virgules décimales)');
  });
});
