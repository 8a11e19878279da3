// What a partner does on the dashboard, against the release build.
const { test, expect } = require('@playwright/test');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { DashboardPage, TILES } = require('./dashboard-page');

const ROOT = process.env.PI_ROOT || path.resolve(__dirname, '..', '..');
const INSIGHTS = path.join(ROOT, 'target', 'debug', process.platform === 'win32' ? 'insights.exe' : 'insights');
const SAMPLE = path.join(ROOT, 'data', 'sample.json');

/** The report of the command line for the same data and range (metrics.md's JSON). */
function cliReport(from, to) {
  if (!fs.existsSync(INSIGHTS)) {
    throw new Error(`${INSIGHTS} is missing: run cargo build -p pi-cli`);
  }
  const out = execFileSync(INSIGHTS, ['report', SAMPLE, '--from', from, '--to', to], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out);
}

test.describe('customers dashboard on the sample', () => {
  let dash;

  test.beforeEach(async ({ page }) => {
    dash = new DashboardPage(page);
    await dash.goto();
    await dash.ready();
  });

  test('the header shows the product and the as-of date', async ({ page }) => {
    await expect(page.getByRole('banner')).toContainText('Partner Insights');
    await expect(dash.asOf).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    await expect(page.getByRole('tab', { name: 'Customers' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('contentinfo')).toContainText('never leaves your browser');
  });

  test('the five tiles show numbers, a change in text and a sparkline', async () => {
    for (const id of TILES) {
      const tile = dash.tile(id);
      await expect(tile.getByTestId('kpi-value')).toHaveText(/^[+\u2212]?[\d,]+$|^—$/);
      await expect(tile.locator('.pi-badge')).toHaveText(/▲|▼|—|%/);
      await expect(tile.locator('canvas')).toBeVisible();
    }
    const v = await dash.values();
    expect(v['kpi-customers']).toBeGreaterThan(0);
    await expect(dash.tile('kpi-customers')).toContainText(/vs [A-Z][a-z]{2} \d{4}/);
    await expect(dash.tile('kpi-churn')).toContainText(/churn rate/);
  });

  test('customers by product lists every family with a count', async () => {
    const products = await dash.products();
    expect(Object.keys(products).length).toBeGreaterThan(2);
    for (const n of Object.values(products)) expect(n).toBeGreaterThan(0);
  });

  test('the range controls recompute the tiles', async ({ page }) => {
    const months = await dash.months();
    expect(months.length).toBeGreaterThan(12);
    const before = await dash.values();
    const beforeChange = await dash.tile('kpi-customers').locator('.pi-badge').innerText();

    // range-from moves the baseline: the change and the net added follow
    await dash.from.selectOption(months[0]);
    await expect(dash.tile('kpi-customers')).toContainText(`vs ${await monthWords(page, months[0])}`);
    const fromChanged = await dash.values();
    expect(fromChanged['kpi-net-added']).not.toBe(before['kpi-net-added']);
    expect(await dash.tile('kpi-customers').locator('.pi-badge').innerText()).not.toBe(beforeChange);

    // range-to picks the current month: the customers value follows
    await dash.to.selectOption(months[12]);
    await expect(dash.tile('kpi-customers').getByTestId('kpi-value')).not.toHaveText(
      String(before['kpi-customers']),
    );
    expect(await dash.value('kpi-customers')).not.toBe(before['kpi-customers']);

    // the URL keeps the range, so a copied link reproduces the view
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(months[0]);
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe(months[12]);
  });

  test('a reversed range cannot be picked', async () => {
    const months = await dash.months();
    const to = await dash.to.inputValue();
    const later = months[months.indexOf(to)];
    await dash.to.selectOption(months[5]);
    // months after range-to are disabled in range-from (once the engine's worker answered)
    const disabledOf = () => dash.from.locator('option[disabled]').evaluateAll((os) => os.map((o) => o.value));
    await expect.poll(disabledOf).toContain(later);
    const disabled = await disabledOf();
    expect(disabled.every((m) => m > months[5])).toBe(true);
  });

  test('the numbers equal `insights report` for the same range', async () => {
    const months = await dash.months();
    const from = months[months.length - 24];
    const to = months[months.length - 7];
    await dash.setRange(from, to);
    const r = cliReport(from, to);
    const s = r.summary;
    await expect(dash.tile('kpi-customers').getByTestId('kpi-value')).toHaveText(fmt(s.customers.value));
    expect(await dash.values()).toEqual({
      'kpi-customers': s.customers.value,
      'kpi-active-customers': s.active_customers.value,
      'kpi-subscriptions': s.subscriptions.value,
      'kpi-net-added': s.net_added.value,
      'kpi-churn': s.last_month_churn.value,
    });
    const expected = Object.fromEntries(s.by_product.map((p) => [p.key, p.customers]));
    expect(await dash.products()).toEqual(expected);
    if (s.customers.change_pct !== null) {
      const arrow = s.customers.change_pct > 0 ? '▲' : '▼';
      await expect(dash.tile('kpi-customers').locator('.pi-badge')).toHaveText(
        `${arrow} ${Math.abs(s.customers.change_pct).toFixed(1)}%`,
      );
    }
  });
});

test('a shared link opens the range it names', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.goto();
  await dash.ready();
  const months = await dash.months();
  const [from, to] = [months[3], months[20]];
  await dash.goto(`from=${from}&to=${to}`);
  await dash.ready();
  await expect(dash.from).toHaveValue(from);
  await expect(dash.to).toHaveValue(to);
  const r = cliReport(from, to);
  expect(await dash.value('kpi-customers')).toBe(r.summary.customers.value);
});

test('a file that cannot be fetched gives a clear message', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.goto('data=missing.json');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('could not be loaded');
  await expect(alert).toContainText('missing.json');
});

test('one column on a phone, nothing wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const dash = new DashboardPage(page);
  await dash.goto();
  await dash.ready();
  const a = await dash.tile('kpi-customers').boundingBox();
  const b = await dash.tile('kpi-active-customers').boundingBox();
  expect(b.y).toBeGreaterThan(a.y + a.height - 1);
  expect(Math.abs(a.x - b.x)).toBeLessThan(1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

function fmt(n) {
  if (n === null) return '—';
  const s = Math.abs(n).toLocaleString('en-US');
  return n < 0 ? `\u2212${s}` : s;
}

async function monthWords(page, ym) {
  const [y, m] = ym.split('-').map(Number);
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`;
}
