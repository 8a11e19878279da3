// The adds/churn and active customers charts, as a partner uses them: legend toggles, hover,
// the keyboard, and the "view as table" numbers against `insights report`.
const { test, expect } = require('@playwright/test');
const { DashboardPage, parseCount } = require('./dashboard-page');
const { cliReport, words, readTable, showTable } = require('./helpers');

test.describe('charts on the sample', () => {
  let dash;

  test.beforeEach(async ({ page }) => {
    dash = new DashboardPage(page);
    await dash.goto();
    await dash.ready();
  });

  test('adds and churn: a legend toggle rebuilds the table and goes into the URL', async ({ page }) => {
    const section = page.getByTestId('section-adds-churn');
    await expect(section.getByRole('img')).toHaveAttribute('aria-label', /adds and churn/i);
    await expect(section).toContainText(/in [A-Z][a-z]{2} \d{4}: [\d,]+ new, [\d,]+ returning/);
    // existing customers (about 1,500 a month) start hidden so that adds and churn are readable
    await expect(section.getByTestId('legend-item').filter({ hasText: 'Existing' })).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => new URL(page.url()).searchParams.has('hide')).toBe(false);
    await showTable(section);
    expect((await readTable(section)).head).toEqual(['Month', 'New', 'Returning', 'Churned']);

    const newItem = section.getByTestId('legend-item').filter({ hasText: 'New' });
    await expect(newItem).toHaveAttribute('aria-pressed', 'true');
    await newItem.click();
    await expect(newItem).toHaveAttribute('aria-pressed', 'false');
    await expect(section.getByTestId('chart-table').locator('thead')).not.toContainText('New');
    expect((await readTable(section)).head).toEqual(['Month', 'Returning', 'Churned']);
    await expect.poll(() => new URL(page.url()).searchParams.get('hide')).toBe('adds:existing,adds:new');

    const churn = section.getByTestId('legend-item').filter({ hasText: 'Churned' });
    await churn.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('hide')).toBe('adds:churned,adds:existing,adds:new');

    // a shared link opens with the same series switched off
    await page.reload();
    await dash.ready();
    const again = page.getByTestId('section-adds-churn');
    await expect(again.getByTestId('legend-item').filter({ hasText: 'New' })).toHaveAttribute('aria-pressed', 'false');
    await expect(again.getByTestId('legend-item').filter({ hasText: 'Existing' })).toHaveAttribute('aria-pressed', 'false');
    await showTable(again);
    expect((await readTable(again)).head).toEqual(['Month', 'Returning']);

    // back to the default removes the parameter
    await again.getByTestId('legend-item').filter({ hasText: 'New' }).click();
    await again.getByTestId('legend-item').filter({ hasText: 'Churned' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.has('hide')).toBe(false);
    expect((await readTable(again)).head).toEqual(['Month', 'New', 'Returning', 'Churned']);

    // showing existing customers too is written as `adds:` and survives a reload
    await again.getByTestId('legend-item').filter({ hasText: 'Existing' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('hide')).toBe('adds:');
    expect((await readTable(again)).head).toEqual(['Month', 'New', 'Returning', 'Existing', 'Churned']);
    await page.reload();
    await dash.ready();
    await expect(
      page.getByTestId('section-adds-churn').getByTestId('legend-item').filter({ hasText: 'Existing' }),
    ).toHaveAttribute('aria-pressed', 'true');
  });

  test('adds and churn: hovering a column shows that month in the tooltip', async ({ page }) => {
    const section = page.getByTestId('section-adds-churn');
    const canvas = section.locator('canvas');
    const box = await canvas.boundingBox();
    const r = cliReport(await dash.from.inputValue(), await dash.to.inputValue());
    const last = r.adds_churn[r.adds_churn.length - 1];

    // the last column sits at the right edge of the plot
    await canvas.hover({ position: { x: box.width - 20, y: box.height / 2 } });
    const tip = section.getByTestId('chart-tooltip');
    await expect(tip).toBeVisible();
    await expect(tip.locator('.pi-chart__tip-title')).toHaveText(words(last.month));
    const values = {};
    for (const row of await tip.locator('.pi-chart__tip-row').all()) {
      values[(await row.locator('dt').innerText()).trim()] = parseCount(await row.locator('dd').innerText());
    }
    expect(values).toEqual({ New: last.new, Returning: last.returning, Existing: last.existing, Churned: last.churned });

    await section.getByRole('heading', { name: 'Customer adds and churn' }).hover();
    await expect(tip).toHaveCount(0);
  });

  test('adds and churn: the arrow keys walk the months', async ({ page }) => {
    const section = page.getByTestId('section-adds-churn');
    const from = await dash.from.inputValue();
    await section.locator('.pi-chart__plot').focus();
    await page.keyboard.press('Home');
    const title = section.getByTestId('chart-tooltip').locator('.pi-chart__tip-title');
    await expect(title).toHaveText(words(from));
    await page.keyboard.press('ArrowRight');
    await expect(title).not.toHaveText(words(from));
    await page.keyboard.press('ArrowLeft');
    await expect(title).toHaveText(words(from));
    await page.keyboard.press('Escape');
    await expect(section.getByTestId('chart-tooltip')).toHaveCount(0);
  });

  test('adds and churn and active customers: the tables equal `insights report`', async ({ page }) => {
    const months = await dash.months();
    const from = months[2];
    const to = months[13];
    await dash.setRange(from, to);
    const r = cliReport(from, to);

    const adds = page.getByTestId('section-adds-churn');
    await showTable(adds);
    await expect(adds.getByTestId('chart-table').locator('tbody tr').first().locator('th')).toHaveText(words(from));
    const t = await readTable(adds);
    expect(t.rows.map((row) => [row[0], ...row.slice(1).map(parseCount)])).toEqual(
      r.adds_churn.map((m) => [words(m.month), m.new, m.returning, m.churned]),
    );

    const active = page.getByTestId('section-active');
    await showTable(active);
    const a = await readTable(active);
    expect(a.head).toEqual(['Month', 'Active customers', 'Total customers']);
    expect(a.rows).toEqual(
      r.active_trend.map((m) => [
        words(m.month),
        m.active === null ? 'not known' : parseCount(String(m.active)).toLocaleString('en-US'),
        m.total.toLocaleString('en-US'),
      ]),
    );

    // back to the chart
    await active.getByRole('button', { name: 'View as chart' }).click();
    await expect(active.getByTestId('chart-table')).toHaveCount(0);
    await expect(active.locator('canvas')).toBeVisible();
  });

  test('active customers: the legend hides the total line and the tooltip reads both', async ({ page }) => {
    const section = page.getByTestId('section-active');
    await expect(section).toContainText(/[\d,]+ active of [\d,]+ customers/);
    const canvas = section.locator('canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    await canvas.hover({ position: { x: box.width - 20, y: box.height / 2 } });
    const tip = section.getByTestId('chart-tooltip');
    await expect(tip).toContainText('Active');
    await expect(tip).toContainText('Total');
    await section.getByTestId('legend-item').filter({ hasText: 'Total' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('hide')).toBe('active:total');
    await showTable(section);
    expect((await readTable(section)).head).toEqual(['Month', 'Active customers']);
  });
});

test('the range slider moves the page range with the keyboard and its handles cannot cross', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.goto();
  await dash.ready();
  const months = await dash.months();
  const from = await dash.from.inputValue();
  const to = await dash.to.inputValue();
  const start = page.getByTestId('range-slider-from');
  const end = page.getByTestId('range-slider-to');
  await expect(start).toHaveAttribute('role', 'slider');
  await expect(start).toHaveAttribute('aria-valuetext', words(from));
  await expect(end).toHaveAttribute('aria-valuetext', words(to));

  // one month later: the selects, the URL and the chart table follow
  await start.focus();
  await page.keyboard.press('ArrowRight');
  const next = months[months.indexOf(from) + 1];
  await expect(dash.from).toHaveValue(next);
  await expect(start).toHaveAttribute('aria-valuetext', words(next));
  await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(next);
  const adds = page.getByTestId('section-adds-churn');
  await showTable(adds);
  await expect(adds.getByTestId('chart-table').locator('tbody tr').first().locator('th')).toHaveText(words(next));

  // End takes the start handle to the end handle, never past it
  await start.focus();
  await page.keyboard.press('End');
  await expect(dash.from).toHaveValue(to);
  await page.keyboard.press('ArrowRight');
  await expect(dash.from).toHaveValue(to);
  await expect(start).toHaveAttribute('aria-valuenow', await end.getAttribute('aria-valuenow'));

  // Home on the end handle stops at the start handle; the selects stay in step
  await end.focus();
  await page.keyboard.press('Home');
  await expect(dash.to).toHaveValue(to);
  await page.keyboard.press('PageUp');
  await expect(dash.to).toHaveValue(months[Math.min(months.indexOf(to) + 12, months.length - 1)]);
});

test('dragging the start handle to the left end shows the whole timeline from its first month', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.goto();
  await dash.ready();
  const months = await dash.months();
  const start = page.getByTestId('range-slider-from');
  await start.scrollIntoViewIfNeeded();
  const h = await start.boundingBox();
  const track = await page.getByTestId('section-adds-churn').locator('.pi-slider__track').boundingBox();
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(track.x + track.width * 0.3, h.y + h.height / 2, { steps: 5 });
  await page.mouse.move(track.x - 40, h.y + h.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(dash.from).toHaveValue(months[0]);
  await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(months[0]);
  await expect(page.getByTestId('section-adds-churn')).toContainText(`Customers per month, ${words(months[0])}`);
});
