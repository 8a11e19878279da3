// Page object of the dashboard: every selector of the public surface (spec/page.md) in one place.
const { expect } = require('@playwright/test');

const TILES = ['kpi-customers', 'kpi-active-customers', 'kpi-subscriptions', 'kpi-net-added', 'kpi-churn'];

/** "1,234" -> 1234, "−7" -> -7, "+34" -> 34, "—" -> null */
function parseCount(text) {
  const t = text.trim().replace(/\u2212/g, '-').replace(/[,+\s]/g, '');
  if (t === '—' || t === '') return null;
  if (!/^-?\d+$/.test(t)) throw new Error(`not a count: ${JSON.stringify(text)}`);
  return Number(t);
}

class DashboardPage {
  constructor(page) {
    this.page = page;
    this.from = page.getByTestId('range-from');
    this.to = page.getByTestId('range-to');
    this.asOf = page.getByTestId('data-as-of');
    this.byProduct = page.getByTestId('kpi-by-product');
  }

  async goto(query = '') {
    await this.page.goto(query ? `./?${query}` : './');
  }

  /** Waits until a report with customers is on screen. The tiles of an emptied report stay in
   * the page, hidden, until the next report arrives, so their text alone proves nothing. */
  async ready() {
    const value = this.tile('kpi-customers').getByTestId('kpi-value');
    await expect(value).toBeVisible();
    await expect(value).toHaveText(/\d/);
  }

  tile(id) {
    return this.page.getByTestId(id);
  }

  async value(id) {
    return parseCount(await this.tile(id).getByTestId('kpi-value').innerText());
  }

  async values() {
    const out = {};
    for (const id of TILES) out[id] = await this.value(id);
    return out;
  }

  async months() {
    return this.from.locator('option').evaluateAll((os) => os.map((o) => o.value));
  }

  async setRange(from, to) {
    // set `to` first when moving later, `from` first when moving earlier, so no pick is disabled
    const current = await this.from.inputValue();
    if (from >= current) {
      await this.to.selectOption(to);
      await this.from.selectOption(from);
    } else {
      await this.from.selectOption(from);
      await this.to.selectOption(to);
    }
    await expect(this.from).toHaveValue(from);
    await expect(this.to).toHaveValue(to);
  }

  /** Product name -> count, from the customers-by-product bars. */
  async products() {
    const rows = this.byProduct.locator('.pi-bars__row');
    const n = await rows.count();
    const out = {};
    for (let i = 0; i < n; i++) {
      const label = await rows.nth(i).locator('.pi-bars__label').innerText();
      out[label] = parseCount(await rows.nth(i).locator('.pi-bars__count').innerText());
    }
    return out;
  }
}

module.exports = { DashboardPage, TILES, parseCount };
