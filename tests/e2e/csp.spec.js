// The page runs under the strict Content-Security-Policy that the build writes to csp.txt (the
// e2e server sends it with every response): no inline script but Trunk's hashed start-up script,
// no eval but WebAssembly, no inline style, nothing from another origin.
const { test, expect } = require('@playwright/test');

test('the page works under its Content-Security-Policy with no violation', async ({ page }) => {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  const response = await page.goto('./');
  const policy = response.headers()['content-security-policy'] || '';
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(policy).toContain("style-src 'self'");
  await expect(page.getByTestId('kpi-customers').getByTestId('kpi-value')).toHaveText(/\d/);
  // hover a chart (the tooltip is positioned with inline style properties), switch theme and view
  const plot = page.getByTestId('section-adds-churn').locator('.pi-chart__plot');
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  await plot.hover({ position: { x: box.width * 0.6, y: box.height * 0.5 } });
  await expect(page.getByTestId('chart-tooltip')).toBeVisible();
  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Dark' }).click();
  await page.getByRole('tab', { name: 'License adoption' }).click();
  await expect(page.getByTestId('section-adoption')).toBeVisible();
  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
});
