// Languages (spec/page.md `lang`: `en` or `fr`, default the browser's language when it is French,
// else English): the UI text, numbers, percentages, dates and country names follow the language,
// the numbers still equal `insights report`, and the header's switch writes `lang`.
const { test, expect } = require('@playwright/test');
const { cliReport } = require('./helpers');

const NNBSP = '\u202f';

/** A French count as the page writes it ("1 545" with U+202F, "−7", "+287") -> a number. */
function frenchCount(text) {
  const t = text.trim().replace(/\u2212/g, '-').replace(/[+\u202f\u00a0]/g, '');
  if (t === '—') return null;
  if (!/^-?\d+$/.test(t)) throw new Error(`not a French count: ${JSON.stringify(text)}`);
  return Number(t);
}

/** A French percentage ("22,8 %", "▼ 9,5 %") -> its magnitude as a number. */
function frenchPct(text) {
  const m = text.match(/(\d+),(\d)[\u202f\u00a0]%/);
  if (!m) throw new Error(`not a French percentage: ${JSON.stringify(text)}`);
  return Number(`${m[1]}.${m[2]}`);
}

const ready = (page) => expect(page.getByTestId('kpi-customers').getByTestId('kpi-value')).toHaveText(/\d/);
const html = (page) => page.locator('html');

async function range(page) {
  return [await page.getByTestId('range-from').inputValue(), await page.getByTestId('range-to').inputValue()];
}

test.describe('languages', () => {
  test('lang=fr shows French text, French numbers and French country names equal to the report', async ({ page }) => {
    await page.goto('./?lang=fr');
    await ready(page);
    await expect(html(page)).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('tab', { name: 'Clients', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tab', { name: 'Adoption des licences' })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toContainText('Vos données ne quittent jamais votre navigateur');
    await expect(page.getByTestId('kpi-active-customers')).toContainText('Clients actifs');
    await expect(page.getByTestId('section-adds-churn')).toContainText('Clients gagnés et perdus');

    const [from, to] = await range(page);
    const r = cliReport(from, to);
    const s = r.summary;
    const tiles = {
      'kpi-customers': s.customers,
      'kpi-active-customers': s.active_customers,
      'kpi-subscriptions': s.subscriptions,
      'kpi-net-added': s.net_added,
      'kpi-churn': s.last_month_churn,
    };
    for (const [id, kpi] of Object.entries(tiles)) {
      const text = await page.getByTestId(id).getByTestId('kpi-value').innerText();
      expect(frenchCount(text), id).toBe(kpi.value);
      if (kpi.value !== null && Math.abs(kpi.value) >= 1000) {
        // thousands are grouped with a narrow no-break space, never a comma
        expect(text, id).toContain(NNBSP);
        expect(text, id).not.toContain(',');
      }
    }
    // the change of a tile: a decimal comma and the percent sign after a no-break space
    const badge = await page.getByTestId('kpi-customers').locator('.pi-badge').innerText();
    expect(frenchPct(badge)).toBeCloseTo(Math.abs(s.customers.change_pct), 1);
    const churn = await page.getByTestId('kpi-churn').locator('.pi-badge').innerText();
    expect(churn).toContain('taux d’attrition');
    expect(frenchPct(churn)).toBeCloseTo(s.last_month_churn.churn_pct, 1);
    // months and the as-of date in French
    await expect(page.getByTestId('data-as-of')).toHaveText(/^\d{1,2} [a-zéû]+\.? \d{4}$/);
    await expect(page.getByTestId('kpi-customers')).toContainText(/par rapport à [a-zéû]+\.? \d{4}/);

    // country names in French in the geo grid, with the report's numbers
    const geo = page.getByTestId('section-geo');
    for (const [code, name] of [['US', 'États-Unis'], ['DE', 'Allemagne'], ['GB', 'Royaume-Uni']]) {
      const want = r.geo.find((g) => g.country === code);
      if (!want) continue;
      const row = geo.locator(`[data-testid="geo-row"][data-country="${code}"]`);
      await expect(row.locator('th')).toContainText(name);
      const cell = row.locator('td[data-metric="customers"]');
      // as the partner sees it: scrolled to, then rendered (rows out of view are not)
      await row.scrollIntoViewIfNeeded();
      await expect(cell.locator('.pi-geo__n')).toHaveText(/\d/, { useInnerText: true });
      expect(frenchCount(await cell.locator('.pi-geo__n').innerText())).toBe(want.customers);
      if (want.customers_pct !== null) {
        expect(frenchPct(await cell.locator('.pi-geo__pct').innerText())).toBeCloseTo(want.customers_pct, 1);
      }
    }
    // the country filter menu lists French names too
    await page.locator('.pi-filter__button', { hasText: 'Pays' }).click();
    await expect(page.getByRole('listbox', { name: 'Valeurs de Pays' })).toContainText('États-Unis');
  });

  test('a French browser opens in French, and lang=en overrides it', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto('./');
    await ready(page);
    await expect(html(page)).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('tab', { name: 'Clients', exact: true })).toBeVisible();
    await expect(page).not.toHaveURL(/lang=/);

    await page.goto('./?lang=en');
    await ready(page);
    await expect(html(page)).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('tab', { name: 'Customers' })).toBeVisible();
    await expect(page.getByTestId('kpi-customers')).toContainText('Customers');
    const text = await page.getByTestId('kpi-customers').getByTestId('kpi-value').innerText();
    expect(text).toMatch(/^\d{1,3}(,\d{3})*$/);
    await context.close();
  });

  test('an English browser opens in English', async ({ page }) => {
    await page.goto('./');
    await ready(page);
    await expect(html(page)).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('tab', { name: 'Customers' })).toBeVisible();
  });

  test('the switch writes lang and <html lang> follows', async ({ page }) => {
    await page.goto('./?lang=en');
    await ready(page);
    const group = page.getByRole('group', { name: 'Language' });
    await expect(group.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    await group.getByRole('button', { name: 'Français' }).click();
    await expect(html(page)).toHaveAttribute('lang', 'fr');
    await expect.poll(() => new URL(page.url()).searchParams.get('lang')).toBe('fr');
    await expect(page.getByRole('tab', { name: 'Adoption des licences' })).toBeVisible();
    await expect(page.getByTestId('kpi-active-customers')).toContainText('Clients actifs');
    const fr = page.getByRole('group', { name: 'Langue' });
    await expect(fr.getByRole('button', { name: 'Français' })).toHaveAttribute('aria-pressed', 'true');
    await fr.getByRole('button', { name: 'English' }).click();
    await expect(html(page)).toHaveAttribute('lang', 'en');
    await expect.poll(() => new URL(page.url()).searchParams.get('lang')).toBe('en');
    await expect(page.getByTestId('kpi-active-customers')).toContainText('Active customers');
  });

  test('a host portal sets the language with pi:set-state', async ({ page }) => {
    // the page on 127.0.0.1, the host page (embed/host.html) on localhost, as embed.spec.js does
    const base = new URL(process.env.PI_BASE_URL || 'http://127.0.0.1:8080/');
    const hostBase = new URL(base);
    hostBase.hostname = 'localhost';
    await page.goto(`${new URL('embed/host.html', hostBase).href}?src=${encodeURIComponent(base.href)}`);
    const frame = page.frameLocator('#insights iframe');
    await expect(frame.getByTestId('kpi-customers').getByTestId('kpi-value')).toHaveText(/\d/);
    await expect(frame.locator('html')).toHaveAttribute('lang', 'en');
    await page.evaluate(() => window.pi.setState({ lang: 'fr' }));
    await expect(frame.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(frame.getByTestId('kpi-active-customers')).toContainText('Clients actifs');
    await expect(frame.getByTestId('kpi-customers').getByTestId('kpi-value')).toHaveText(/^\d{1,3}(\u202f\d{3})*$/);
  });

  test('the adoption view speaks French too', async ({ page }) => {
    await page.goto('./?lang=fr&view=adoption');
    const section = page.getByTestId('section-adoption');
    await expect(section.getByTestId('kpi-value').first()).toHaveText(/\d/);
    await expect(page.getByRole('heading', { name: 'Adoption des licences' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Opportunités' })).toBeVisible();
    await expect(section.getByTestId('kpi-value').first()).toHaveText(/\d,\d[\u202f\u00a0]%|\d[\u202f\u00a0]%/);
  });
});
