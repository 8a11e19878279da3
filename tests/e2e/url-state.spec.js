// The URL is the page's state (spec/page.md): a change of the URL that the page did not make
// itself (Back/Forward, a host portal's pi:set-state) reaches every control and section.
const { test, expect } = require('@playwright/test');
const { DashboardPage } = require('./dashboard-page');

/** Moves the page to `query` the way Back/Forward does: a history entry and a popstate. */
async function navigate(page, query) {
  await page.evaluate((q) => {
    history.pushState(null, '', `${location.pathname}?${q}`);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, query);
}

test('range, legend and view follow the URL, and Back restores them', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.goto('from=2025-01&to=2025-06');
  await dash.ready();
  await expect(dash.from).toHaveValue('2025-01');
  const before = await dash.values();

  // existing customers are hidden by default; naming another adds item shows them again
  const legend = page.getByTestId('section-adds-churn');
  const existing = legend.locator('[data-testid=legend-item][data-key=existing]');
  const added = legend.locator('[data-testid=legend-item][data-key=new]');
  await expect(existing).toHaveAttribute('aria-pressed', 'false');
  await navigate(page, 'from=2024-03&to=2024-12&hide=adds:new');
  await expect(dash.from).toHaveValue('2024-03');
  await expect(dash.to).toHaveValue('2024-12');
  await expect(existing).toHaveAttribute('aria-pressed', 'true');
  await expect(added).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => dash.values()).not.toEqual(before);

  await page.goBack();
  await expect(dash.from).toHaveValue('2025-01');
  await expect(dash.to).toHaveValue('2025-06');
  await expect(existing).toHaveAttribute('aria-pressed', 'false');
  await expect(added).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => dash.values()).toEqual(before);

  await navigate(page, 'view=adoption');
  await expect(page.getByTestId('section-adoption')).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId('section-adds-churn')).toBeVisible();
});

test('fast legend clicks all land in the URL', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.goto();
  await dash.ready();
  const items = page.getByTestId('section-adds-churn').getByTestId('legend-item');
  await items.nth(0).click();
  await items.nth(1).click();
  await page.getByTestId('section-active').getByTestId('legend-item').nth(1).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('hide')).toBe('adds:existing,adds:new,adds:returning,active:total');
  await expect(items.nth(0)).toHaveAttribute('aria-pressed', 'false');
  await expect(items.nth(1)).toHaveAttribute('aria-pressed', 'false');
});
