// Themes (spec/page.md `theme`): light, dark, or auto = the browser's preference; the header's
// switch keeps the choice in the URL, and the charts redraw in the theme's colours.
const { test, expect } = require('@playwright/test');

const html = (page) => page.locator('html');
const bodyBackground = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const ready = (page) => expect(page.getByTestId('kpi-customers').getByTestId('kpi-value')).toHaveText(/\d/);

test.describe('themes', () => {
  test('auto follows the browser preference', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('./');
    await ready(page);
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
  });

  test('the theme parameter wins and the switch writes it', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('./?theme=dark');
    await ready(page);
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');
    const dark = await bodyBackground(page);
    const theme = page.getByRole('group', { name: 'Theme' });
    await expect(theme.getByRole('button', { name: 'Dark' })).toHaveAttribute('aria-pressed', 'true');
    await theme.getByRole('button', { name: 'Light' }).click();
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
    await expect(page).toHaveURL(/theme=light/);
    expect(await bodyBackground(page)).not.toBe(dark);
    await theme.getByRole('button', { name: 'Auto' }).click();
    await expect(page).not.toHaveURL(/theme=/);
  });

  test('charts redraw in the new colours', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('./?theme=light');
    await ready(page);
    const canvas = page.getByTestId('section-active').locator('canvas');
    await expect(canvas).toBeVisible();
    // a chart below the fold draws when it scrolls into view
    await canvas.scrollIntoViewIfNeeded();
    // a checksum of the drawn pixels: labels, grid and marks take the theme's colours
    const pixels = () =>
      canvas.evaluate((c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let sum = 0;
        for (let i = 0; i < d.length; i += 4) sum = (sum * 31 + d[i] + 3 * d[i + 1] + 7 * d[i + 2]) % 1000000007;
        return sum;
      });
    const light = await pixels();
    // the click scrolls up to the header's switch, which can take the chart off screen before
    // the theme changes: it is drawn in the new colours when it is back in view
    await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Dark' }).click();
    await expect
      .poll(async () => {
        await canvas.scrollIntoViewIfNeeded();
        return pixels();
      })
      .not.toBe(light);
  });
});
