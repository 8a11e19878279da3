// Accessibility: axe-core with the WCAG 2.2 A/AA rules finds no serious or critical violation on
// either view, in both themes and both languages. (axe is injected through the DevTools protocol, which the page's
// CSP does not govern.)
const { test, expect } = require('@playwright/test');
const fs = require('node:fs');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function audit(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const lang of ['en', 'fr']) {
  for (const theme of ['light', 'dark']) {
    for (const view of ['customers', 'adoption']) {
      test(`no serious or critical violation: ${view} view, ${theme} theme, lang=${lang}`, async ({ page }) => {
        await page.goto(`./?lang=${lang}&theme=${theme}${view === 'adoption' ? '&view=adoption' : ''}`);
        const ready = view === 'adoption' ? page.getByTestId('section-adoption') : page.getByTestId('kpi-customers');
        await expect(ready.getByTestId('kpi-value').first()).toHaveText(/\d/);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await page.waitForTimeout(300);
        expect(await audit(page)).toEqual([]);
      });
    }
  }
}

test('the view tabs follow the WAI-ARIA tabs pattern', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('kpi-customers').getByTestId('kpi-value')).toHaveText(/\d/);
  const customers = page.getByRole('tab', { name: 'Customers' });
  const adoption = page.getByRole('tab', { name: 'License adoption' });
  await expect(customers).toHaveAttribute('tabindex', '0');
  await expect(adoption).toHaveAttribute('tabindex', '-1');
  await customers.focus();
  await page.keyboard.press('ArrowRight');
  await expect(adoption).toBeFocused();
  await expect(adoption).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('section-adoption')).toBeVisible();
  await expect(page).toHaveURL(/view=adoption/);
  await page.keyboard.press('Home');
  await expect(customers).toBeFocused();
  await expect(page.getByTestId('section-adds-churn')).toBeVisible();
});

test('a skip link leads past the header', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('kpi-customers').getByTestId('kpi-value')).toHaveText(/\d/);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
});
