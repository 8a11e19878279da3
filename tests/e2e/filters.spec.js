// The page-level filter bar and the empty state, as a partner uses them: pick values with the
// keyboard and the mouse, see chips and the URL, and the numbers equal `insights report
// --filter` for the same range.
const { test, expect } = require('@playwright/test');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { DashboardPage } = require('./dashboard-page');

const ROOT = process.env.PI_ROOT || path.resolve(__dirname, '..', '..');
const INSIGHTS = path.join(ROOT, 'target', 'debug', process.platform === 'win32' ? 'insights.exe' : 'insights');
const SAMPLE = path.join(ROOT, 'data', 'sample.json');
const SHOTS = process.env.PI_SHOTS;

/** `insights report` for the range and filters ({country: ['FR'], ...}). */
function cliReport(from, to, filters = {}) {
  if (!fs.existsSync(INSIGHTS)) throw new Error(`${INSIGHTS} is missing: run cargo build -p pi-cli`);
  const args = ['report', SAMPLE, '--from', from, '--to', to];
  for (const [dim, values] of Object.entries(filters)) {
    for (const v of values) args.push('--filter', `${dim}=${v}`);
  }
  return JSON.parse(execFileSync(INSIGHTS, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
}

const fmt = (n) => (n === null ? '—' : n.toLocaleString('en-US'));

/** The five tiles equal the command line's report for the page's range and `filters`. */
async function expectTilesEqualCli(dash, filters) {
  const from = await dash.from.inputValue();
  const to = await dash.to.inputValue();
  const s = cliReport(from, to, filters).summary;
  expect(s.customers.value).toBeGreaterThan(0);
  await expect(dash.tile('kpi-customers').getByTestId('kpi-value')).toHaveText(fmt(s.customers.value));
  expect(await dash.values()).toEqual({
    'kpi-customers': s.customers.value,
    'kpi-active-customers': s.active_customers.value,
    'kpi-subscriptions': s.subscriptions.value,
    'kpi-net-added': s.net_added.value,
    'kpi-churn': s.last_month_churn.value,
  });
}

/** The URL's parameter `name`, or null. */
function param(page, name) {
  return new URL(page.url()).searchParams.get(name);
}

const menuButton = (page, label) => page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: new RegExp(`^${label}\\b`) });
const chip = (page, text) => page.getByRole('button', { name: `Remove filter ${text}` });

test.describe('filter bar on the sample', () => {
  let dash;

  test.beforeEach(async ({ page }) => {
    dash = new DashboardPage(page);
    await dash.goto();
    await dash.ready();
  });

  test('a country picked with the keyboard becomes a chip, goes into the URL and filters the tiles', async ({ page }) => {
    const country = menuButton(page, 'Country');
    await expect(country).toHaveAttribute('aria-expanded', 'false');
    await country.focus();
    await page.keyboard.press('Enter');
    await expect(country).toHaveAttribute('aria-expanded', 'true');
    const search = page.getByRole('combobox', { name: 'Search countries' });
    await expect(search).toBeFocused();
    const list = page.getByRole('listbox', { name: 'Country values' });
    // options show the English name and the customer count, most customers first
    await expect(list.getByRole('option').first()).toContainText(/United States\s*US\s*[\d,]+/);
    await page.keyboard.type('fran');
    await expect(list.getByRole('option')).toHaveCount(1);
    await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'false');
    await page.keyboard.press('Enter');
    await expect(list.getByRole('option', { name: /France/ })).toHaveAttribute('aria-selected', 'true');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/filters-menu-1400.png` });
    await page.keyboard.press('Escape');
    await expect(list).toBeHidden();
    await expect(country).toBeFocused();
    await expect(chip(page, 'Country: France')).toBeVisible();
    await expect.poll(() => param(page, 'country')).toBe('FR');
    await expectTilesEqualCli(dash, { country: ['FR'] });
  });

  test('a filter picked at the top of the page reaches the sections below, never scrolled to', async ({ page }) => {
    // the sections out of view take the filtered report once the tiles in view are painted
    // (src/components/deferred.rs): read the last section's summary without scrolling to it
    const active = page.getByTestId('section-active');
    const below = () => active.evaluate((e) => e.getBoundingClientRect().top > window.innerHeight);
    expect(await below()).toBe(true);
    await menuButton(page, 'Country').click();
    await page.getByRole('listbox', { name: 'Country values' }).getByRole('option', { name: /^France/ }).click();
    await expectTilesEqualCli(dash, { country: ['FR'] });
    const r = cliReport(await dash.from.inputValue(), await dash.to.inputValue(), { country: ['FR'] });
    const last = r.active_trend[r.active_trend.length - 1];
    await expect(active.locator('.pi-chart__summary')).toContainText(`${fmt(last.active)} active of ${fmt(last.total)} customers`);
    expect(await below()).toBe(true);
  });

  test('the mouse picks values in two dimensions; a chip removes one; Clear filters removes all', async ({ page }) => {
    const before = await dash.values();
    await menuButton(page, 'Country').click();
    await page.getByRole('listbox', { name: 'Country values' }).getByRole('option', { name: /^France/ }).click();
    await menuButton(page, 'Segment').click();
    const segments = page.getByRole('listbox', { name: 'Segment values' });
    await expect(segments).toBeVisible();
    await segments.getByRole('option', { name: /^SMB \d/ }).click();
    // a click outside closes the menu
    await page.getByRole('heading', { name: 'Customer adds and churn' }).click();
    await expect(segments).toBeHidden();
    await expect(chip(page, 'Country: France')).toBeVisible();
    await expect(chip(page, 'Segment: SMB')).toBeVisible();
    await expect.poll(() => param(page, 'country')).toBe('FR');
    await expect.poll(() => param(page, 'segment')).toBe('SMB');
    await expectTilesEqualCli(dash, { country: ['FR'], segment: ['SMB'] });
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/filters-chips-1400.png` });
    // the distribution's legend buttons are kept from report to report and show the filtered
    // report's categories in its order; a kept button acts on the category it shows now
    const from = await dash.from.inputValue();
    const to = await dash.to.inputValue();
    const locations = cliReport(from, to, { country: ['FR'], segment: ['SMB'] }).distribution.partner_location;
    const dist = page.getByTestId('section-distribution');
    const legend = dist.getByTestId('legend-item');
    await expect(legend).toHaveText(locations.map((k) => k.key));
    expect(await legend.evaluateAll((bs) => bs.map((b) => b.dataset.key))).toEqual(locations.map((k) => k.key));
    const last = locations[locations.length - 1].key;
    await legend.last().click();
    await expect.poll(() => param(page, 'hide')).toBe(`dist:${last}`);
    await expect(legend.last()).toHaveAttribute('aria-pressed', 'false');
    await legend.last().click();
    await expect.poll(() => param(page, 'hide')).toBeNull();

    await chip(page, 'Country: France').click();
    await expect(chip(page, 'Country: France')).toHaveCount(0);
    // the focus goes to the chip left, not lost with the removed one
    await expect(chip(page, 'Segment: SMB')).toBeFocused();
    await expect.poll(() => param(page, 'country')).toBeNull();
    await expect.poll(() => param(page, 'segment')).toBe('SMB');
    await expectTilesEqualCli(dash, { segment: ['SMB'] });

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(chip(page, 'Segment: SMB')).toHaveCount(0);
    await expect(menuButton(page, 'Country')).toBeFocused();
    await expect.poll(() => param(page, 'segment')).toBeNull();
    expect(await dash.values()).toEqual(before);
    await expect(legend).toHaveText(cliReport(from, to).distribution.partner_location.map((k) => k.key));
  });
});

test('a filter changes the numbers, not the layout: every section keeps its height', async ({ page }) => {
  // the active filters' row is there before the first chip and after the last, and the legends
  // of the data's categories keep their height: nothing below the bar moves, so the browser does
  // not lay out and paint the page again (BENCHMARKS.md, session 10)
  const dash = new DashboardPage(page);
  await dash.goto();
  await dash.ready();
  const bar = page.getByRole('region', { name: 'Filters' });
  await expect(bar).toContainText('No filters: every customer is counted');
  const ids = ['kpi-customers', 'section-geo', 'section-adds-churn', 'section-distribution', 'section-products', 'section-trend', 'section-active'];
  // each section's height as rendered: a section out of view is neither laid out nor up to date
  // (content-visibility, src/components/deferred.rs), so each is scrolled to and read two frames
  // later, once it took the newest report and was laid out
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const heights = async () => {
    const out = { bar: Math.round((await bar.boundingBox()).height) };
    for (const id of ids) {
      const section = page.getByTestId(id);
      await section.scrollIntoViewIfNeeded();
      await frames();
      out[id] = Math.round((await section.boundingBox()).height);
    }
    out.legends = await page.locator('.pi-legend--long').evaluateAll((ls) => ls.map((l) => Math.round(l.getBoundingClientRect().height)));
    return out;
  };
  const before = await heights();
  expect(before.legends).toHaveLength(2);
  const dist = page.getByTestId('section-distribution').getByTestId('legend-item');
  const many = await dist.count();

  await page.evaluate(() => window.scrollTo(0, 0));
  await menuButton(page, 'Country').click();
  await page.getByRole('listbox', { name: 'Country values' }).getByRole('option', { name: /^Australia/ }).click();
  await page.keyboard.press('Escape');
  await expectTilesEqualCli(dash, { country: ['AU'] });
  await expect(bar).not.toContainText('No filters');
  // Australia's customers have fewer partner locations: the legend is shorter, its box is not
  const locations = cliReport(await dash.from.inputValue(), await dash.to.inputValue(), { country: ['AU'] }).distribution.partner_location;
  expect(locations.length).toBeLessThan(many);
  await expect(dist).toHaveCount(locations.length);
  await expect.poll(heights).toEqual(before);

  await page.evaluate(() => window.scrollTo(0, 0));
  await chip(page, 'Country: Australia').click();
  await expect(bar).toContainText('No filters: every customer is counted');
  await expect(dist).toHaveCount(many);
  await expect.poll(heights).toEqual(before);
  // every category stays reachable: the last one scrolls into its legend box's view
  const last = dist.last();
  await last.scrollIntoViewIfNeeded();
  const inBox = await last.evaluate((b) => {
    const box = b.closest('.pi-legend').getBoundingClientRect();
    const r = b.getBoundingClientRect();
    return r.top >= box.top && r.bottom <= box.bottom;
  });
  expect(inBox).toBe(true);
});

test('a link with filters opens with their chips and numbers', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.goto('country=FR,DE&segment=SMB&from=2025-01&to=2025-12');
  await dash.ready();
  await expect(chip(page, 'Country: France')).toBeVisible();
  await expect(chip(page, 'Country: Germany')).toBeVisible();
  await expect(chip(page, 'Segment: SMB')).toBeVisible();
  await expect(menuButton(page, 'Country')).toContainText('2');
  await expectTilesEqualCli(dash, { country: ['FR', 'DE'], segment: ['SMB'] });
});

test('a filter that leaves no customer says so in every section and its button restores the numbers', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.goto();
  await dash.ready();
  const before = await dash.values();
  await dash.goto('country=FJ&segment=Enterprise');
  const message = 'No customers match Country: Fiji and Segment: Enterprise';
  for (const id of ['section-adds-churn', 'section-active']) {
    await expect(page.getByTestId(id)).toContainText(message);
    await expect(page.getByTestId(id).getByRole('img')).toBeHidden();
  }
  await expect(page.getByLabel('Summary')).toContainText(message);
  await expect(page.getByTestId('kpi-customers')).toBeHidden();
  // the selected value nobody has stays listed, so it can be removed from the menu too
  await menuButton(page, 'Country').click();
  await expect(page.getByRole('option', { name: /^Fiji/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await page.getByLabel('Summary').getByRole('button', { name: 'Clear filters' }).click();
  await dash.ready();
  expect(await dash.values()).toEqual(before);
  await expect.poll(() => param(page, 'country')).toBeNull();
  await expect.poll(() => param(page, 'segment')).toBeNull();
  await expect(page.getByText(message)).toHaveCount(0);
});

test('on a narrow screen the menu and the chips fit', async ({ page }) => {
  await page.setViewportSize({ width: 420, height: 900 });
  const dash = new DashboardPage(page);
  await dash.goto('country=FR&segment=SMB');
  await dash.ready();
  await menuButton(page, 'Product').click();
  const list = page.getByRole('listbox', { name: 'Product values' });
  await expect(list).toBeVisible();
  const box = await list.boundingBox();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(420);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/filters-menu-420.png`, fullPage: false });
});
