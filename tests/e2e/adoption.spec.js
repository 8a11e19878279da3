// The licence adoption view (issue 6) against the release build: numbers equal the command
// line's report, thresholds recompute the opportunities, an opportunity opens its customer,
// the export is the engine's CSV, and the customers table sorts and searches.
const { test, expect } = require('@playwright/test');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = process.env.PI_ROOT || path.resolve(__dirname, '..', '..');
const INSIGHTS = path.join(ROOT, 'target', 'debug', process.platform === 'win32' ? 'insights.exe' : 'insights');
const SAMPLE = path.join(ROOT, 'data', 'sample.json');

function cliReport(...args) {
  if (!fs.existsSync(INSIGHTS)) throw new Error(`${INSIGHTS} is missing: run cargo build -p pi-cli`);
  return JSON.parse(execFileSync(INSIGHTS, ['report', SAMPLE, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
}

const count = (n) => n.toLocaleString('en-US');
const pct = (p) => (p === null ? '—' : `${p.toFixed(1)}%`);
const num = (t) => Number(t.replace(/[,\s]/g, '').replace('—', 'NaN').replace('%', ''));

async function open(page, query = 'view=adoption') {
  await page.goto(`./?${query}`);
  await expect(page.getByTestId('section-adoption').getByTestId('kpi-value').first()).toHaveText(/\d/);
}

test.describe('licence adoption', () => {
  test('the tab opens the view and the portfolio equals insights report', async ({ page }) => {
    const a = cliReport().adoption;
    await page.goto('./');
    await page.getByRole('tab', { name: 'License adoption' }).click();
    await expect(page).toHaveURL(/view=adoption/);
    await expect(page.getByRole('tab', { name: 'License adoption' })).toHaveAttribute('aria-selected', 'true');
    const p = a.portfolio;
    const dep = page.getByTestId('adoption-deployment');
    const use = page.getByTestId('adoption-usage');
    await expect(dep.getByTestId('kpi-value')).toHaveText(pct(p.deployment_pct));
    await expect(dep.getByTestId('kpi-counts')).toHaveText(`${count(p.assigned)} of ${count(p.sold)} licences assigned`);
    await expect(use.getByTestId('kpi-value')).toHaveText(pct(p.usage_pct));
    await expect(use.getByTestId('kpi-counts')).toHaveText(`${count(p.active)} of ${count(p.entitled)} entitled users active`);
    const [y, m] = a.month.split('-').map(Number);
    const month = new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    await expect(page.getByTestId('adoption-month')).toContainText(`${month} ${y}`);
    for (const w of p.by_workload) {
      await expect(page.getByTestId('adoption-by-workload')).toContainText(`${count(w.active)} of ${count(w.entitled)} active`);
    }
    for (const d of p.by_product) {
      await expect(page.getByTestId('adoption-by-product')).toContainText(`${count(d.assigned)} of ${count(d.sold)} assigned`);
    }
    await expect(page.getByTestId('opportunities-count')).toContainText(`${count(a.opportunities.length)} customers`);
    await expect(page.getByTestId('adoption-customers-count')).toHaveText(`1–25 of ${count(a.customers.length)}`);
  });

  test('changing a threshold changes the opportunities', async ({ page }) => {
    const base = cliReport().adoption.opportunities.length;
    await open(page);
    const counter = page.getByTestId('opportunities-count');
    await expect(counter).toContainText(`${count(base)} customers`);
    const input = page.getByRole('spinbutton', { name: 'Usage below %' });
    await input.fill('80');
    await input.press('Enter');
    await input.blur();
    await expect(counter).not.toContainText(`${count(base)} customers`);
    const more = num((await counter.innerText()).split(' ')[0]);
    expect(more).toBeGreaterThan(base);
    await expect(page.getByTestId('opportunity-row')).toHaveCount(10);
  });

  test('an opportunity opens its customer', async ({ page }) => {
    const first = cliReport().adoption.opportunities[0];
    await open(page);
    const row = page.getByTestId('opportunity-row').first();
    await expect(row).toContainText(first.name);
    await expect(row).toContainText(/Help the customer assign|training/);
    await row.getByRole('button', { name: first.name }).click();
    await expect(page).toHaveURL(new RegExp(`customer=${first.id}`));
    await expect(page.getByTestId('adoption-detail-name')).toHaveText(first.name);
    await expect(page.getByTestId('adoption-detail-products')).toBeVisible();
    await expect(page.getByTestId('adoption-history').locator('svg')).toBeVisible();
    // the link reproduces the view
    await page.reload();
    await expect(page.getByTestId('adoption-detail-name')).toHaveText(first.name);
    // the browser's Back closes the detail and stays in the adoption view
    await page.goBack();
    await expect(page.getByTestId('adoption-detail')).toHaveCount(0);
    await expect(page).not.toHaveURL(/customer=/);
    await expect(page).toHaveURL(/view=adoption/);
    await expect(page.getByTestId('opportunity-row').first()).toBeVisible();
  });

  test('the export downloads the engine CSV with a BOM', async ({ page }) => {
    const r = cliReport();
    await open(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toBe(`partner-insights-adoption-${r.as_of}.csv`);
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split(/\r?\n/)[0]).toBe('level,customer_id,customer_name,key,sold,assigned,deployment_pct,active,entitled,usage_pct,over_100,unassigned,inactive,reasons,month');
    const out = path.join(ROOT, 'target', 'e2e-adoption.csv');
    execFileSync(INSIGHTS, ['export-adoption', SAMPLE, '-o', out]);
    expect(bytes.equals(fs.readFileSync(out))).toBe(true);
    // the European option
    await page.getByLabel('CSV separator').selectOption(';');
    const [eu] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const euText = fs.readFileSync(await eu.path()).subarray(3).toString('utf8');
    expect(euText.startsWith('level;customer_id;customer_name;key;sold')).toBe(true);
  });

  test('the customers table sorts both ways and searches', async ({ page }) => {
    const a = cliReport().adoption;
    await open(page);
    const rows = page.getByTestId('adoption-customer-row');
    const usageHeader = page.getByRole('columnheader', { name: /Usage/ });
    // a numeric column sorts largest first, then the other way
    await usageHeader.getByRole('button').click();
    await expect(usageHeader).toHaveAttribute('aria-sort', 'descending');
    const top = Math.max(...a.customers.map((c) => c.usage_pct ?? -1));
    await expect(rows.first().locator('td:nth-child(7)')).toHaveText(pct(top));
    await usageHeader.getByRole('button').click();
    await expect(usageHeader).toHaveAttribute('aria-sort', 'ascending');
    const asc = (await rows.locator('td:nth-child(7)').allInnerTexts()).map(num).filter((x) => !Number.isNaN(x));
    expect(asc.length).toBeGreaterThan(0);
    expect(asc).toEqual([...asc].sort((x, y) => x - y));
    const low = Math.min(...a.customers.filter((c) => c.usage_pct !== null).map((c) => c.usage_pct));
    expect(asc[0]).toBeCloseTo(low, 1);
    const nameHeader = page.getByRole('columnheader', { name: /Customer/ });
    await nameHeader.getByRole('button').click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect(usageHeader).toHaveAttribute('aria-sort', 'none');

    const pager = page.getByTestId('adoption-customers-count');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(pager).toHaveText(`26–50 of ${count(a.customers.length)}`);
    await page.getByRole('button', { name: 'Previous', exact: true }).click();
    await expect(pager).toHaveText(`1–25 of ${count(a.customers.length)}`);

    const target = a.customers[5];
    await page.getByTestId('adoption-search').fill(target.name);
    await expect(rows.filter({ hasText: target.name }).first()).toBeVisible();
    for (const t of await rows.locator('th').allInnerTexts()) {
      expect(t.toLowerCase()).toContain(target.name.toLowerCase());
    }
    await rows.filter({ hasText: target.name }).first().click();
    await expect(page).toHaveURL(new RegExp(`customer=${target.id}`));
  });

  test('a value above 100% is shown as it is and flagged with its causes', async ({ page }) => {
    const over = cliReport().adoption.customers.find((c) => c.over_100);
    test.skip(!over, 'no customer above 100% in the sample');
    await open(page);
    await page.getByTestId('adoption-search').fill(over.name);
    const row = page.getByTestId('adoption-customer-row').filter({ hasText: over.name }).first();
    await expect(row).toContainText(over.usage_pct > 100 ? pct(over.usage_pct) : pct(over.deployment_pct));
    const flag = row.locator('summary');
    await flag.focus();
    await page.keyboard.press('Enter');
    await expect(row).toContainText('staff turnover');
    await expect(row).toContainText('grace period');
    await expect(page).not.toHaveURL(/customer=/);
  });
});
