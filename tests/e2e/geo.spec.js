// Customers by country, as a partner uses it: the grid against `insights report`, search, sort,
// selecting a country (row, keyboard, map) zooms the map and goes into the URL, the home button,
// a shared `geo=` link, the map tooltip, and filtering the page by the selected country.
const { test, expect } = require('@playwright/test');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { DashboardPage, parseCount } = require('./dashboard-page');

const ROOT = process.env.PI_ROOT || path.resolve(__dirname, '..', '..');
const INSIGHTS = path.join(ROOT, 'target', 'debug', process.platform === 'win32' ? 'insights.exe' : 'insights');
const SAMPLE = path.join(ROOT, 'data', 'sample.json');

function cliReport(args = []) {
  if (!fs.existsSync(INSIGHTS)) throw new Error(`${INSIGHTS} is missing: run cargo build -p pi-cli`);
  const out = execFileSync(INSIGHTS, ['report', SAMPLE, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out);
}

/** "20.7%" -> 20.7, "" or "—" -> null */
function parsePct(text) {
  const t = text.trim().replace('%', '');
  return t === '' || t === '—' ? null : Number(t);
}

function expectPct(shown, exact) {
  if (exact === null) {
    expect(shown).toBeNull();
  } else {
    expect(Math.abs(shown - exact)).toBeLessThanOrEqual(0.05 + 1e-9);
  }
}

/** Every grid row: code (data-country), name, and per metric the count and share shown. The
 * grid renders the rows in its scroll view and a few around it, so it is read as a partner reads
 * it: scrolled from the top to the end, a rendered row at a time by its place (aria-rowindex). */
async function readGrid(section) {
  const { rows, count } = await section.locator('.pi-geo__tablewrap').evaluate(async (wrap) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const read = (tr) => {
      const cell = (m) => tr.querySelector(`td[data-metric="${m}"]`);
      const metric = (m) => ({
        n: cell(m).querySelector('.pi-geo__n').textContent,
        pct: cell(m).querySelector('.pi-geo__pct').textContent,
      });
      return {
        code: tr.dataset.country || null,
        name: tr.querySelector('.pi-geo__name').textContent.trim(),
        customers: metric('customers'),
        active: metric('active'),
        new: metric('new'),
        current: tr.getAttribute('aria-current'),
      };
    };
    const seen = new Map();
    wrap.scrollTop = 0;
    await frame();
    for (let step = 0; step < 1000; step++) {
      for (const tr of wrap.querySelectorAll('[data-testid="geo-row"]')) {
        seen.set(Number(tr.getAttribute('aria-rowindex')), read(tr));
      }
      if (wrap.scrollTop + wrap.clientHeight >= wrap.scrollHeight - 1) break;
      wrap.scrollTop += Math.max(1, Math.floor(wrap.clientHeight / 2));
      await frame();
    }
    wrap.scrollTop = 0;
    await frame();
    const places = [...seen.keys()].sort((a, b) => a - b);
    return {
      rows: places.map((k) => ({ place: k, ...seen.get(k) })),
      count: Number(wrap.querySelector('table').getAttribute('aria-rowcount')),
    };
  });
  // every place from the first row after the header to the table's stated size, once
  expect(rows.map((r) => r.place)).toEqual(Array.from({ length: count - 1 }, (_, i) => i + 2));
  return rows;
}

/** The number of countries the grid lists (its rows, the header row not counted). */
const gridSize = async (section) => Number(await section.locator('#geo-table').getAttribute('aria-rowcount')) - 1;

function expectGridEqualsReport(grid, geo) {
  // ties are listed by name on the page and by code in the report: compare by country
  expect(grid.map((r) => r.code).sort()).toEqual(geo.map((g) => g.country).sort());
  for (const g of geo) {
    const r = grid.find((x) => x.code === g.country);
    for (const m of ['customers', 'active', 'new']) {
      expect(parseCount(r[m].n), `${g.country} ${m}`).toBe(g[m]);
      expectPct(parsePct(r[m].pct), g[`${m}_pct`]);
    }
  }
}

const geoParam = (page) => new URL(page.url()).searchParams.get('geo');

test.describe('customers by country', () => {
  let dash;
  let section;
  let report;

  test.beforeAll(() => {
    report = cliReport();
  });

  test.beforeEach(async ({ page }) => {
    dash = new DashboardPage(page);
    section = page.getByTestId('section-geo');
  });

  async function open(page, query = '') {
    await dash.goto(query);
    await dash.ready();
    await expect(section.getByTestId('geo-row').first()).toBeVisible();
  }

  test('the grid equals insights report, unknown country included, after the summary', async ({ page }) => {
    await open(page);
    // placed right after the summary
    // each section sits in the box that watches whether it is on screen (pi-deferred)
    const order = await page.locator('main > *').evaluateAll((els) => els
      .map((e) => (e.classList.contains('pi-deferred') ? e.firstElementChild : e))
      .map((e) => e.dataset.testid || e.className));
    const at = order.indexOf('section-geo');
    expect(order[at - 1]).toContain('pi-summary');
    const grid = await readGrid(section);
    expectGridEqualsReport(grid, report.geo);
    expect(grid.find((r) => r.code === 'FR').name).toBe('France');
    expect(grid.find((r) => r.code === null).name).toBe('Unknown country');
    await expect(section.getByRole('img')).toHaveAttribute('aria-label', /^World map of current customers by country/);
    await expect(section.locator('#geo-summary')).toContainText(/Current customers in [A-Z][a-z]{2} \d{4} in \d+ countries; the most in United States/);
  });

  test('searching "Fr" finds France', async ({ page }) => {
    await open(page);
    await section.getByTestId('geo-search').fill('Fr');
    await expect.poll(() => gridSize(section)).not.toBe(report.geo.length);
    // the names of every row the search left
    const names = (await readGrid(section)).map((r) => r.name);
    expect(names).toContain('France');
    expect(names).not.toContain('Germany');
    for (const n of names) expect(n).toMatch(/(^|[^a-z])fr/i);
    await section.getByTestId('geo-search').fill('');
    await expect.poll(() => gridSize(section)).toBe(report.geo.length);
    expect(await readGrid(section)).toHaveLength(report.geo.length);
  });

  test('every column sorts both ways', async ({ page }) => {
    await open(page);
    const header = (name) => section.locator('thead th').filter({ hasText: name });
    const codes = async () => (await readGrid(section)).map((r) => r.code);
    const known = report.geo.filter((g) => g.country !== null);

    // customers: descending by default (the report's order), then ascending
    await expect(header('Customers')).toHaveAttribute('aria-sort', 'descending');
    await header('Customers').getByRole('button').click();
    await expect(header('Customers')).toHaveAttribute('aria-sort', 'ascending');
    const asc = (await readGrid(section)).map((r) => parseCount(r.customers.n));
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(asc[0]).toBe(Math.min(...report.geo.map((g) => g.customers)));

    // new: descending first, then ascending
    await header('New').getByRole('button').click();
    await expect(header('New')).toHaveAttribute('aria-sort', 'descending');
    await expect(header('Customers')).toHaveAttribute('aria-sort', 'none');
    let news = (await readGrid(section)).map((r) => parseCount(r.new.n));
    expect(news).toEqual([...news].sort((a, b) => b - a));
    await header('New').getByRole('button').click();
    news = (await readGrid(section)).map((r) => parseCount(r.new.n));
    expect(news).toEqual([...news].sort((a, b) => a - b));

    // active both ways
    await header('Active').getByRole('button').click();
    let active = (await readGrid(section)).map((r) => parseCount(r.active.n));
    expect(active).toEqual([...active].sort((a, b) => b - a));
    await header('Active').getByRole('button').click();
    await expect(header('Active')).toHaveAttribute('aria-sort', 'ascending');
    active = (await readGrid(section)).map((r) => parseCount(r.active.n));
    expect(active).toEqual([...active].sort((a, b) => a - b));

    // country: A to Z with the unknown row last, then Z to A (still last)
    await header('Country').getByRole('button').click();
    await expect(header('Country')).toHaveAttribute('aria-sort', 'ascending');
    let grid = await readGrid(section);
    expect(grid.at(-1).code).toBeNull();
    const names = grid.slice(0, -1).map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(names.length).toBe(known.length);
    await header('Country').getByRole('button').click();
    await expect(header('Country')).toHaveAttribute('aria-sort', 'descending');
    grid = await readGrid(section);
    expect(grid.at(-1).code).toBeNull();
    expect(grid.slice(0, -1).map((r) => r.name)).toEqual([...names].reverse());
    expect(await codes()).toHaveLength(report.geo.length);
  });

  test('the grid renders the rows in its view; scrolling, the arrow keys and a link far down the list reach every country', async ({ page }) => {
    // whether a row is rendered and shown inside the grid's scroll box
    const inGridView = (code) => section.locator('.pi-geo__tablewrap').evaluate((wrap, code) => {
      const row = wrap.querySelector(`tr[data-country="${code}"]`);
      if (!row) return false;
      const [w, r, head] = [wrap, row, wrap.querySelector('thead')].map((e) => e.getBoundingClientRect());
      return r.top >= head.bottom - 1 && r.bottom <= w.bottom + 1;
    }, code);
    await open(page);
    const grid = await readGrid(section);
    expect(grid).toHaveLength(report.geo.length);
    // the sample lists more countries than the box shows: only a view's worth and a few more
    // are rendered
    const rendered = await section.getByTestId('geo-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(grid.length);
    const last = grid.filter((r) => r.code !== null).at(-1);
    expect(await inGridView(last.code)).toBe(false);

    // the arrow keys go down past the view, row by row, to the last row
    await section.locator(`tr[data-country="${grid[0].code}"]`).focus();
    for (let i = 1; i < grid.length; i++) await page.keyboard.press('ArrowDown');
    const end = grid.at(-1);
    await expect(section.locator(end.code ? `tr[data-country="${end.code}"]` : 'tr.pi-geo__row--unknown')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(section.locator(`tr[data-country="${grid.at(-2).code}"]`)).toBeFocused();

    // a shared link selecting a country at the end of the list opens with its row in view
    await open(page, `geo=${last.code}`);
    await expect.poll(() => inGridView(last.code)).toBe(true);
    await expect(section.locator(`tr[data-country="${last.code}"]`)).toHaveAttribute('aria-current', 'true');
  });

  test('selecting a row zooms the map and puts geo= in the URL; home resets', async ({ page }) => {
    await open(page);
    const map = section.getByRole('img');
    const home = section.getByTestId('geo-home');
    await expect(home).toBeDisabled();
    await section.getByTestId('geo-row').filter({ hasText: 'Germany' }).click();
    await expect(map).toHaveAttribute('aria-label', /zoomed to Germany/);
    await expect.poll(() => geoParam(page)).toBe('DE');
    await expect(section.locator('tr[data-country="DE"]')).toHaveAttribute('aria-current', 'true');
    await expect(section.locator('.pi-geo__selected')).toContainText('Germany');

    // the keyboard: focus a row, arrow down to the next, Enter selects it
    const uk = section.locator('tr[data-country="GB"]');
    await uk.focus();
    await page.keyboard.press('Enter');
    await expect(map).toHaveAttribute('aria-label', /zoomed to United Kingdom/);
    await expect.poll(() => geoParam(page)).toBe('GB');
    await page.keyboard.press('ArrowDown');
    const next = report.geo[report.geo.findIndex((g) => g.country === 'GB') + 1].country;
    await expect(section.locator(`tr[data-country="${next}"]`)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => geoParam(page)).toBe(next);
    await expect(section.locator('tr[aria-current="true"]')).toHaveCount(1);

    await home.click();
    await expect(map).toHaveAttribute('aria-label', /^World map of/);
    await expect.poll(() => geoParam(page)).toBeNull();
    await expect(section.locator('tr[aria-current="true"]')).toHaveCount(0);
    await expect(home).toBeDisabled();
  });

  test('a geo=FR link opens zoomed with France selected; hovering France shows the report values', async ({ page }) => {
    await open(page, 'geo=FR');
    const map = section.getByRole('img');
    await expect(map).toHaveAttribute('aria-label', /zoomed to France/);
    await expect(section.locator('tr[data-country="FR"]')).toHaveAttribute('aria-current', 'true');

    // the zoom frames mainland France: the middle of the map is France
    await map.scrollIntoViewIfNeeded();
    const box = await map.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = section.getByTestId('chart-tooltip');
    await expect(tip).toBeVisible();
    await expect(tip.locator('.pi-chart__tip-title')).toHaveText('France');
    const fr = report.geo.find((g) => g.country === 'FR');
    const rows = await tip.locator('.pi-chart__tip-row').evaluateAll((rs) =>
      rs.map((r) => [r.querySelector('dt').textContent.trim(), r.querySelector('dd').textContent.trim()]),
    );
    expect(rows.map((r) => r[0])).toEqual(['Customers', 'Active', 'New']);
    for (const [i, m] of ['customers', 'active', 'new'].entries()) {
      const [n, pct] = rows[i][1].split('·').map((s) => s.trim());
      expect(parseCount(n)).toBe(fr[m]);
      expectPct(parsePct(pct), fr[`${m}_pct`]);
    }
    await page.mouse.move(box.x - 20, box.y - 20);
    await expect(tip).toHaveCount(0);
  });

  test('a click on the map selects the country under the pointer', async ({ page }) => {
    await open(page);
    const map = section.getByRole('img');
    await map.scrollIntoViewIfNeeded();
    const box = await map.boundingBox();
    const tip = section.getByTestId('chart-tooltip');
    // find land along the middle of the map (the tooltip names the country under the pointer)
    let name = null;
    let at = null;
    for (let f = 0.3; f <= 0.7 && !name; f += 0.02) {
      at = { x: box.x + box.width * f, y: box.y + box.height * 0.4 };
      await page.mouse.move(at.x, at.y);
      if ((await tip.count()) > 0) name = (await tip.locator('.pi-chart__tip-title').innerText()).trim();
    }
    expect(name).not.toBeNull();
    await page.mouse.click(at.x, at.y);
    await expect(map).toHaveAttribute('aria-label', new RegExp(`zoomed to ${name}`));
    await expect.poll(() => geoParam(page)).toMatch(/^[A-Z]{2}$/);
  });

  test('the map is shaded by the metric chosen in the radio group, with its legend', async ({ page }) => {
    await open(page);
    const group = section.getByRole('radiogroup', { name: 'Shade the map by' });
    const legend = section.locator('.pi-geo__legend');
    await expect(group.getByRole('radio', { name: 'Customers' })).toBeChecked();
    await expect(legend).toHaveAttribute('aria-label', 'Map legend: current customers');
    await group.locator('label').filter({ hasText: 'New' }).click();
    await expect(group.getByRole('radio', { name: 'New' })).toBeChecked();
    await expect(legend).toHaveAttribute('aria-label', 'Map legend: new customers');
    await expect(section.getByRole('img')).toHaveAttribute('aria-label', /^World map of new customers/);
    // the legend's classes run from the smallest to the largest non-zero value of the report
    const keys = await legend.locator('.pi-geo__key').allInnerTexts();
    expect(keys.at(-1).trim()).toBe('None');
    const values = report.geo.filter((g) => g.country && g.new > 0).map((g) => g.new);
    const first = keys[0].trim().split('–')[0];
    const last = keys.at(-2).trim().split('–').at(-1);
    expect(parseCount(first)).toBe(Math.min(...values));
    expect(parseCount(last)).toBe(Math.max(...values));
    // the keyboard moves through the group like any radio group
    await group.getByRole('radio', { name: 'New' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(group.getByRole('radio', { name: 'Active' })).toBeChecked();
    await expect(legend).toHaveAttribute('aria-label', 'Map legend: active customers');
  });

  test('the selected country can filter the whole page', async ({ page }) => {
    await open(page, 'geo=FR');
    await section.getByTestId('geo-filter').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('country')).toBe('FR');
    const filtered = cliReport(['--filter', 'country=FR']);
    await expect.poll(() => gridSize(section)).toBe(filtered.geo.length);
    expectGridEqualsReport(await readGrid(section), filtered.geo);
    expect(await dash.value('kpi-customers')).toBe(filtered.summary.customers.value);
    await expect(section.getByTestId('geo-filter')).toHaveCount(0);
  });
});
