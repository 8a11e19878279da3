// Browser load benchmark: the page loading Insights JSON exports through its file input, against
// JSON.parse of the same bytes, in headless Chromium; with the main thread's long tasks
// (PerformanceObserver 'longtask', tasks over 50 ms) while the page loads.
//
//   target/debug/insights generate --customers 2250 --months 36 --format insights-json -o target/bench-insights
//   trunk build --release --offline
//   mkdir -p target/e2e-site && ln -sfn "$PWD/dist" target/e2e-site/partner-insights
//   python3 -m http.server 8104 --bind 127.0.0.1 --directory target/e2e-site &
//   NODE_PATH=tests/e2e/node_modules node bench/load_browser.js http://127.0.0.1:8104/partner-insights/ target/bench-insights
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const path = require('node:path');

const [url, dir] = process.argv.slice(2);
if (!url || !dir) throw new Error('usage: node bench/load_browser.js PAGE_URL DIR_OF_FILES');
const files = fs
  .readdirSync(dir)
  .sort()
  .map((f) => path.resolve(dir, f));
const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
const mb = bytes / 1e6;

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript(() => {
    window.__longtasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longtasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.getByTestId('kpi-customers').getByTestId('kpi-value').waitFor();
  const runs = [];
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => (window.__longtasks = []));
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles(files);
    await page
      .getByTestId('load-report')
      .locator('summary')
      .filter({ hasText: `${files.length} files` })
      .waitFor({ timeout: 600_000 });
    await page.getByTestId('kpi-customers').getByTestId('kpi-value').waitFor();
    const ms = Date.now() - t0;
    const tasks = await page.evaluate(() => window.__longtasks);
    runs.push({ ms, longest: Math.max(0, ...tasks), longSum: tasks.reduce((a, b) => a + b, 0), n: tasks.length });
    await page.getByRole('button', { name: 'Back to the sample' }).click();
    await page.getByTestId('load-report').locator('summary').filter({ hasText: '1 file ·' }).waitFor();
  }
  // JSON.parse of the same bytes, in the same page: read as bytes, decode UTF-8, parse
  const input = await page.evaluateHandle(() => {
    const i = document.createElement('input');
    i.type = 'file';
    i.multiple = true;
    document.body.append(i);
    return i;
  });
  await input.setInputFiles(files);
  const js = [];
  for (let i = 0; i < 3; i++) {
    js.push(
      await input.evaluate(async (el) => {
        let read = 0;
        let decode = 0;
        let parse = 0;
        for (const f of el.files) {
          let t = performance.now();
          const buf = await f.arrayBuffer();
          read += performance.now() - t;
          t = performance.now();
          const text = new TextDecoder().decode(buf);
          decode += performance.now() - t;
          t = performance.now();
          JSON.parse(text);
          parse += performance.now() - t;
        }
        return { read, decode, parse };
      }),
    );
  }
  await browser.close();
  const best = (xs, k) => Math.min(...xs.map((x) => x[k]));
  const page_ms = best(runs, 'ms');
  const parse_ms = best(js, 'parse');
  const all_ms = Math.min(...js.map((x) => x.read + x.decode + x.parse));
  console.log(`files: ${files.map((f) => path.basename(f)).join(', ')} (${mb.toFixed(1)} MB)`);
  console.log(`page load (file input -> tiles), best of 3: ${page_ms} ms = ${(mb / (page_ms / 1000)).toFixed(1)} MB/s`);
  console.log(`  runs: ${JSON.stringify(runs)}`);
  console.log(`JSON.parse only, best of 3: ${parse_ms.toFixed(0)} ms = ${(mb / (parse_ms / 1000)).toFixed(1)} MB/s`);
  console.log(`arrayBuffer + TextDecoder + JSON.parse, best of 3: ${all_ms.toFixed(0)} ms = ${(mb / (all_ms / 1000)).toFixed(1)} MB/s`);
  console.log(`  runs: ${JSON.stringify(js)}`);
})();
