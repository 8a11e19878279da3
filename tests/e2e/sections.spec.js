// Customer distribution, customers by products and the distribution trend, as a partner uses
// them: tabs with the keyboard, legend toggles, drilling into a product, hovering a column,
// shared links; every number against `insights report` for the page's range.
const { test, expect } = require('@playwright/test');
const { DashboardPage, parseCount } = require('./dashboard-page');
const { cliReport, words, readTable, showTable } = require('./helpers');

const param = (page, name) => new URL(page.url()).searchParams.get(name);

/** The chart table of a tab as [key, count] pairs. */
async function pairs(section, nth = 0) {
  const t = await readTable(section, nth);
  return t.rows.map((r) => [r[0], parseCount(r[1])]);
}

/** The report's range as the page shows it. */
async function report(dash) {
  return cliReport(await dash.from.inputValue(), await dash.to.inputValue());
}

/** The tooltip as { label: count }. */
async function tipValues(tip) {
  const out = {};
  for (const row of await tip.locator('.pi-chart__tip-row').all()) {
    out[(await row.locator('dt').innerText()).trim()] = parseCount(await row.locator('dd').innerText());
  }
  return out;
}

test.describe('sections on the sample', () => {
  let dash;

  test.beforeEach(async ({ page }) => {
    dash = new DashboardPage(page);
    await dash.goto();
    await dash.ready();
  });

  test('distribution: the arrow keys switch tabs, the URL and the table follow the report', async ({ page }) => {
    const r = await report(dash);
    const section = page.getByTestId('section-distribution');
    const tabs = section.getByRole('tab');
    await expect(tabs).toHaveText(['Partner location', 'Segment', 'Sales channel', 'Attribution type']);
    const first = section.getByRole('tab', { name: 'Partner location' });
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(first).toHaveAttribute('tabindex', '0');
    await expect(section.getByRole('tab', { name: 'Segment' })).toHaveAttribute('tabindex', '-1');
    await expect(section.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', await first.getAttribute('id'));
    await showTable(section);
    expect(await pairs(section)).toEqual(r.distribution.partner_location.map((k) => [k.key, k.customers]));

    await first.focus();
    await page.keyboard.press('ArrowRight');
    const segment = section.getByRole('tab', { name: 'Segment' });
    await expect(segment).toBeFocused();
    await expect(segment).toHaveAttribute('aria-selected', 'true');
    await expect(first).toHaveAttribute('aria-selected', 'false');
    await expect.poll(() => param(page, 'dist')).toBe('segment');
    await expect(section.getByTestId('chart-table').locator('thead th').first()).toHaveText('Segment');
    expect(await pairs(section)).toEqual(r.distribution.segment.map((k) => [k.key, k.customers]));

    await page.keyboard.press('End');
    await expect(section.getByRole('tab', { name: 'Attribution type' })).toBeFocused();
    await expect.poll(() => param(page, 'dist')).toBe('attribution');
    expect(await pairs(section)).toEqual(r.distribution.attribution.map((k) => [k.key, k.customers]));

    // Right from the last tab wraps to the first (the default, which leaves the URL)
    await page.keyboard.press('ArrowRight');
    await expect(first).toBeFocused();
    await expect.poll(() => param(page, 'dist')).toBeNull();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => param(page, 'dist')).toBe('attribution');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => param(page, 'dist')).toBe('sales_channel');
    expect(await pairs(section)).toEqual(r.distribution.sales_channel.map((k) => [k.key, k.customers]));
  });

  test('distribution: a legend toggle hides a category in the table and the URL', async ({ page }) => {
    const r = await report(dash);
    const section = page.getByTestId('section-distribution');
    await section.getByRole('tab', { name: 'Segment' }).click();
    const [top, ...rest] = r.distribution.segment;
    const item = section.getByTestId('legend-item').filter({ hasText: new RegExp(`^${top.key}$`) });
    await expect(item).toHaveAttribute('aria-pressed', 'true');
    await expect(section).toContainText(`the largest ${top.key} with ${top.customers.toLocaleString('en-US')}`);
    await item.click();
    await expect(item).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => param(page, 'hide')).toBe(`dist:${top.key}`);
    await showTable(section);
    expect(await pairs(section)).toEqual(rest.map((k) => [k.key, k.customers]));
    await item.click();
    await expect.poll(() => param(page, 'hide')).toBeNull();
    expect(await pairs(section)).toEqual(r.distribution.segment.map((k) => [k.key, k.customers]));
  });

  test('products: the legend, a table row and a slice open a product and its SKUs equal the report', async ({ page }) => {
    const r = await report(dash);
    const section = page.getByTestId('section-products');
    const drill = section.getByTestId('products-drill');
    await expect(drill).toContainText('Select a product');
    const p = r.products[2];
    await section.getByTestId('legend-item').filter({ hasText: `${p.key} ·` }).click();
    await expect.poll(() => param(page, 'drill')).toBe(p.key);
    await expect(drill).toContainText(`SKUs of ${p.key}`);
    await expect(section.getByTestId('legend-item').filter({ hasText: `${p.key} ·` })).toHaveAttribute('aria-pressed', 'true');
    await showTable(section);
    expect(await pairs(section)).toEqual(r.products.map((x) => [x.key, x.customers]));
    expect(await pairs(section, 1)).toEqual(p.skus.map((k) => [k.key, k.customers]));

    // a row of the products table opens another product (a button: Enter works too)
    const q = r.products[1];
    await section.getByTestId('chart-table').first().getByRole('button', { name: q.key, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => param(page, 'drill')).toBe(q.key);
    expect(await pairs(section, 1)).toEqual(q.skus.map((k) => [k.key, k.customers]));

    // back to all products
    await section.getByRole('button', { name: '← All products' }).click();
    await expect.poll(() => param(page, 'drill')).toBeNull();
    await expect(section.getByTestId('chart-table')).toHaveCount(1);

    // a click on the donut: at 3 o'clock inside the ring is the largest product, whose slice
    // runs clockwise from 12 o'clock over more than a quarter of the turn
    await section.getByRole('button', { name: 'View as chart' }).click();
    const canvas = section.locator('canvas');
    const box = await canvas.boundingBox();
    const total = r.products.reduce((s, x) => s + x.customers, 0);
    expect(r.products[0].customers / total).toBeGreaterThan(0.25);
    const dw = box.width >= 560 ? Math.min(box.width * 0.42, box.height + 40) : box.width;
    const dh = box.width >= 560 ? box.height : box.height * 0.48;
    const outer = Math.min(dw, dh) / 2 - 8;
    await canvas.click({ position: { x: dw / 2 + outer * 0.8, y: dh / 2 } });
    await expect.poll(() => param(page, 'drill')).toBe(r.products[0].key);
    await expect(drill).toContainText(`SKUs of ${r.products[0].key}`);
    // the same slice again closes it
    await canvas.click({ position: { x: dw / 2 + outer * 0.8, y: dh / 2 } });
    await expect.poll(() => param(page, 'drill')).toBeNull();

    // a click on a product's bar (rows of at most 40 px from the top of the bars) opens it
    if (box.width >= 560) {
      const rowH = Math.min((box.height - 12) / Math.min(r.products.length, 10), 40);
      await canvas.click({ position: { x: (dw + 24 + box.width) / 2, y: 8 + rowH * 1.5 } });
      await expect.poll(() => param(page, 'drill')).toBe(r.products[1].key);
    }
  });

  test('trend: a tab switch and a hovered column give the breakdown of the report', async ({ page }) => {
    const r = await report(dash);
    const section = page.getByTestId('section-trend');
    const canvas = section.locator('canvas');
    await canvas.scrollIntoViewIfNeeded();
    const tip = section.getByTestId('chart-tooltip');

    // market: the six largest over the range on their own, the rest as "Other (n more)"
    const months = r.distribution_trend.market;
    const last = months[months.length - 1];
    let box = await canvas.boundingBox();
    await canvas.hover({ position: { x: box.width - 20, y: box.height / 2 } });
    await expect(tip.locator('.pi-chart__tip-title')).toHaveText(words(last.month));
    const values = await tipValues(tip);
    const totals = {};
    for (const m of months) for (const [k, v] of Object.entries(m.counts)) totals[k] = (totals[k] || 0) + v;
    const ranked = Object.keys(totals).sort((a, b) => totals[b] - totals[a] || (a < b ? -1 : 1));
    const shown = ranked.filter((k) => k !== 'Other').slice(0, 6);
    const restKeys = ranked.filter((k) => !shown.includes(k));
    const expected = {};
    for (const k of shown) expected[k] = last.counts[k] || 0;
    expected[`Other (${restKeys.length} more)`] = restKeys.reduce((s, k) => s + (last.counts[k] || 0), 0);
    expect(values).toEqual(expected);

    // the table lists every category
    await showTable(section);
    const t = await readTable(section);
    expect(t.head).toEqual(['Market', ...months.map((m) => words(m.month))]);
    expect(t.rows.map((row) => row[0]).sort()).toEqual(Object.keys(totals).sort());
    for (const row of t.rows) {
      expect(row.slice(1).map(parseCount)).toEqual(months.map((m) => m.counts[row[0]] || 0));
    }
    await section.getByRole('button', { name: 'View as chart' }).click();

    // product, with the keyboard: few enough categories to stack each on its own
    const market = section.getByRole('tab', { name: 'Market' });
    await market.focus();
    await page.keyboard.press('End');
    await expect(section.getByRole('tab', { name: 'Product' })).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => param(page, 'trend')).toBe('product');
    const prod = r.distribution_trend.product;
    await section.locator('.pi-chart__plot').focus();
    await page.keyboard.press('End');
    await expect(tip.locator('.pi-chart__tip-title')).toHaveText(words(prod[prod.length - 1].month));
    expect(await tipValues(tip)).toEqual(prod[prod.length - 1].counts);
    await page.keyboard.press('Home');
    await expect(tip.locator('.pi-chart__tip-title')).toHaveText(words(prod[0].month));
    expect(await tipValues(tip)).toEqual(prod[0].counts);
    box = await canvas.boundingBox();
    expect(box.width).toBeGreaterThan(100);
  });
});

test('a shared link opens the same tabs, product and hidden categories', async ({ page }) => {
  const dash = new DashboardPage(page);
  const months = ['2025-06', '2026-03'];
  const r = cliReport(months[0], months[1]);
  const p = r.products[1];
  const hidden = r.distribution.attribution[0].key;
  await dash.goto(
    `from=${months[0]}&to=${months[1]}&dist=attribution&trend=segment&drill=${encodeURIComponent(p.key)}&hide=${encodeURIComponent(`dist:${hidden}`)}`,
  );
  await dash.ready();

  const dist = page.getByTestId('section-distribution');
  await expect(dist.getByRole('tab', { name: 'Attribution type' })).toHaveAttribute('aria-selected', 'true');
  await expect(dist.getByTestId('legend-item').filter({ hasText: new RegExp(`^${hidden}$`) })).toHaveAttribute('aria-pressed', 'false');
  await showTable(dist);
  expect(await pairs(dist)).toEqual(r.distribution.attribution.slice(1).map((k) => [k.key, k.customers]));

  const products = page.getByTestId('section-products');
  await expect(products.getByTestId('products-drill')).toContainText(`SKUs of ${p.key}`);
  await showTable(products);
  expect(await pairs(products, 1)).toEqual(p.skus.map((k) => [k.key, k.customers]));

  const trend = page.getByTestId('section-trend');
  await expect(trend.getByRole('tab', { name: 'Segment' })).toHaveAttribute('aria-selected', 'true');
  await showTable(trend);
  const t = await readTable(trend);
  expect(t.head).toEqual(['Segment', ...r.distribution_trend.segment.map((m) => words(m.month))]);
  for (const row of t.rows) {
    expect(row.slice(1).map(parseCount)).toEqual(r.distribution_trend.segment.map((m) => m.counts[row[0]] || 0));
  }
});
