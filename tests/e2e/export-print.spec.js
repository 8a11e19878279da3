// A chart saved as a PNG image (with its background and title) and the print stylesheet (one
// column, no on-screen controls).
const { test, expect } = require('@playwright/test');
const fs = require('node:fs');

const ready = (page) => expect(page.getByTestId('kpi-customers').getByTestId('kpi-value')).toHaveText(/\d/);

test('a chart downloads as a PNG with its background', async ({ page }) => {
  await page.goto('./?theme=dark');
  await ready(page);
  const section = page.getByTestId('section-adds-churn');
  const canvas = section.locator('canvas');
  await expect(canvas).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByTestId('chart-png').click()]);
  expect(download.suggestedFilename()).toBe('partner-insights-adds-churn.png');
  const bytes = fs.readFileSync(await download.path());
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  // IHDR: the image is the plot plus a title band and margins, and its corner is the dark surface
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const plot = await canvas.evaluate((c) => [c.width, c.height]);
  expect(width).toBeGreaterThan(plot[0]);
  expect(height).toBeGreaterThan(plot[1]);
  const corner = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return Array.from(ctx.getImageData(1, 1, 1, 1).data);
  }, bytes.toString('base64'));
  expect(corner[3]).toBe(255); // opaque, not transparent
  expect(corner[0] + corner[1] + corner[2]).toBeLessThan(3 * 80); // the dark theme's surface
});

test('print: one column, no on-screen controls', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await page.emulateMedia({ media: 'print' });
  const columns = await page.locator('.pi-kpis').evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
  expect(columns).toBe(1);
  await expect(page.getByRole('group', { name: 'Theme' })).toBeHidden();
  await expect(page.getByTestId('chart-png').first()).toBeHidden();
  const cards = await page.locator('.pi-card').first().evaluate((el) => getComputedStyle(el).breakInside);
  expect(cards).toBe('avoid');
});
