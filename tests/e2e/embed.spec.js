// Embedding (spec/page.md): the example host page (embed/host.html with embed/embed.js) frames
// the page from another origin, receives pi:ready, pi:resize and pi:state, and drives
// pi:set-state, pi:set-theme and pi:load; messages from anywhere else are ignored.
const { test, expect } = require('@playwright/test');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = process.env.PI_ROOT || path.resolve(__dirname, '..', '..');
const INSIGHTS = path.join(ROOT, 'target', 'debug', process.platform === 'win32' ? 'insights.exe' : 'insights');
const BASE = process.env.PI_BASE_URL || 'http://127.0.0.1:8080/';

// the page on 127.0.0.1, the host on localhost: two origins, as in a real portal
const pageUrl = new URL(BASE);
const hostBase = new URL(BASE);
hostBase.hostname = 'localhost';
const hostUrl = (extra = '') =>
  `${new URL('embed/host.html', hostBase).href}?src=${encodeURIComponent(pageUrl.href)}${extra}`;

const messages = (page, type) => page.evaluate((t) => window.piMessages.filter((m) => m.type === t), type);
const frameOf = (page) => page.frameLocator('#insights iframe');

test('the host receives ready, resize and state, and the page has no header', async ({ page }) => {
  await page.goto(hostUrl());
  const frame = frameOf(page);
  await expect(frame.getByTestId('kpi-customers').getByTestId('kpi-value')).toHaveText(/\d/);
  await expect.poll(async () => (await messages(page, 'pi:ready')).length).toBe(1);
  await expect.poll(async () => (await messages(page, 'pi:resize')).length).toBeGreaterThan(0);
  const resize = (await messages(page, 'pi:resize')).pop();
  expect(resize.height).toBeGreaterThan(500);
  // the iframe follows the content's height (no inner scroll bar): its height is the latest
  // pi:resize (the content may still grow while the charts lay out)
  await expect
    .poll(async () => {
      const latest = (await messages(page, 'pi:resize')).pop().height;
      const frameHeight = await page.locator('#insights iframe').evaluate((f) => f.getBoundingClientRect().height);
      return frameHeight - latest;
    })
    .toBe(0);
  const state = (await messages(page, 'pi:state')).pop().state;
  expect(state.embed).toBe('1');
  expect(state.parentOrigin).toBe(hostBase.origin);
  await expect(frame.locator('.pi-header')).toHaveCount(0);
  const loaded = (await messages(page, 'pi:loaded')).pop();
  expect(loaded.files[0]).toMatchObject({ name: 'sample.json', format: 'bundle' });
  expect(loaded.as_of).toMatch(/^\d{4}-\d\d-\d\d$/);
});

test('the host drives state and theme; other messages are ignored', async ({ page }) => {
  await page.goto(hostUrl());
  const frame = frameOf(page);
  await expect(frame.getByTestId('kpi-customers').getByTestId('kpi-value')).toHaveText(/\d/);

  await page.evaluate(() => window.pi.setState({ view: 'adoption', from: '2025-01', to: '2025-12' }));
  await expect(frame.getByTestId('section-adoption')).toBeVisible();
  await expect(frame.getByTestId('range-from')).toHaveValue('2025-01');
  await expect.poll(async () => (await messages(page, 'pi:state')).pop().state.view).toBe('adoption');
  await expect.poll(async () => (await messages(page, 'pi:state')).pop().state.to).toBe('2025-12');

  const html = frame.locator('html');
  await page.evaluate(() => window.pi.setTheme('dark'));
  await expect(html).toHaveAttribute('data-theme', 'dark');

  // a message with another version, one posted by the frame to itself (wrong origin and
  // source), and one with an unknown type change nothing
  await page.evaluate(() => {
    const w = document.querySelector('#insights iframe').contentWindow;
    w.postMessage({ type: 'pi:set-theme', theme: 'light', version: 2 }, '*');
    w.postMessage({ type: 'pi:nonsense', version: 1 }, '*');
  });
  await frame.locator('body').evaluate(() => window.postMessage({ type: 'pi:set-theme', theme: 'light', version: 1 }, '*'));
  await page.waitForTimeout(300);
  await expect(html).toHaveAttribute('data-theme', 'dark');
  // the host's own well-formed message still works
  await page.evaluate(() => window.pi.setTheme('light'));
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('a page told to trust another origin never talks to this host', async ({ page }) => {
  await page.goto(hostUrl('&parentOrigin=' + encodeURIComponent('https://portal.example.com')));
  const frame = frameOf(page);
  await expect(frame.getByTestId('kpi-customers').getByTestId('kpi-value')).toHaveText(/\d/);
  await page.evaluate(() => window.pi.setState({ view: 'adoption' }));
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.piMessages.length)).toBe(0);
  await expect(frame.getByTestId('section-adoption')).toHaveCount(0);
});

test('pi:load replaces the data with the host files', async ({ page }) => {
  if (!fs.existsSync(INSIGHTS)) throw new Error(`${INSIGHTS} is missing: run cargo build -p pi-cli`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pi-embed-'));
  execFileSync(INSIGHTS, ['generate', '--customers', '120', '--seed', '7', '--format', 'bundle', '-o', dir]);
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.json'));
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const expected = JSON.parse(execFileSync(INSIGHTS, ['report', path.join(dir, file)], { encoding: 'utf8' }));

  await page.goto(hostUrl());
  const frame = frameOf(page);
  await expect(frame.getByTestId('kpi-customers').getByTestId('kpi-value')).toHaveText(/\d/);
  await page.evaluate(([name, t]) => window.pi.load([{ name, bytes: new TextEncoder().encode(t).buffer }]), [file, text]);
  await expect(frame.getByTestId('kpi-customers').getByTestId('kpi-value')).toHaveText(
    expected.summary.customers.value.toLocaleString('en-US'),
  );
  await expect.poll(async () => (await messages(page, 'pi:loaded')).pop().files[0].name).toBe(file);
});
