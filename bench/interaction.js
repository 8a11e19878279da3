// Interaction-to-paint in headless Chromium: the time from a range change and from a filter
// change to the first frame painted after the sections in view show the new report.
//
// Usage (from the repository root, with the release build served, see BENCHMARKS.md):
//   node bench/interaction.js URL [N]
// URL: the page, e.g. http://127.0.0.1:8102/partner-insights/?data=../bench-10k.json
// N: interactions of each kind (default 30). Prints median and p95 per kind as JSON.
//
// Method (bench/measure.js): inside the page, t0 = performance.now() just before the change event
// is dispatched; then each animation frame checks whether the task that received the report has
// ended and the watched texts in view (the customers tile, the adds/churn and active chart
// summaries: those in the viewport) show different text than before (the sections in view
// rendered; their canvases are redrawn in the same task); the first such frame's
// requestAnimationFrame is followed by a MessageChannel task, which runs after that frame was
// painted: t1. The figure is t1 - t0. Range: `range-from` alternates between two months. Filter:
// the Country menu is opened once, then its first option is toggled on and off by click
// (FILTER=geo: a filter made from the map's section, see below).
// `*_redraw`: the part of each from the page's `pi-report` mark (the engine's report arrived, the
// sections start to redraw) to t1; none for a build without that mark. `*_work`: the main
// thread's work in that part, without the wait for the display's next frame (see measure.js):
// what has to fit in a frame's budget; `*_task` the first part of it, the task that handled the
// report (the rest is the frame's own work). `*_settled`: to the first frame painted after the sections
// out of view caught up too (they take the report once the frame in view is painted).
// AT=TESTID: scroll the section with that data-testid into view before each kind (default: the
// top of the page); the texts watched for the frame are those in view (see measure.js).
const path = require('node:path');
const { chromium } = require(path.join(__dirname, '..', 'tests', 'e2e', 'node_modules', 'playwright-core'));

const url = process.argv[2];
const N = Number(process.argv[3] || 30);
// AB=URL_B [ROUNDS=4]: A/B in one browser, pages taking turns (this VM's speed drifts within
// minutes, so only turns compare two builds fairly): each round measures N of each kind on URL,
// then on URL_B; prints the pooled median and p95 of each and the per-round medians.
const urlB = process.env.AB;
const ROUNDS = Number(process.env.ROUNDS || 4);
if (!url) {
  console.error('usage: node bench/interaction.js URL [N]   (AB=URL_B ROUNDS=R for turns)');
  process.exit(2);
}

function stats(xs) {
  if (xs.length === 0) return { n: 0 };
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { n: s.length, median: +q(0.5).toFixed(1), p95: +q(0.95).toFixed(1), min: +s[0].toFixed(1), max: +s[s.length - 1].toFixed(1) };
}

const { MEASURE } = require('./measure');

// Each interaction's figures: `ms` (change to paint) and those the page's measure leaves in
// window.__bench (null when a build has no `pi-report` mark, or for `task` when the frame ran
// before the report's task ended).
const FIGURES = ['ms', 'redraw', 'work', 'settled', 'task'];
// the names they are printed under, for each kind: range, range_redraw, ...
const printed = (kind, f) => (f === 'ms' ? kind : `${kind}_${f}`);
const KINDS = ['range', 'filter'];
const empty = () => Object.fromEntries(KINDS.flatMap((k) => FIGURES.map((f) => [printed(k, f), []])));

/** Measures N interactions (after two warm-ups) made by `act(i)`; pushes their figures into
 * `into` under `kind`. `act(i)` resolves with the page's measure of the i-th. */
async function measureAll(N, kind, act, into) {
  for (let i = 0; i < N + 2; i++) {
    const r = await act(i);
    if (i < 2) continue; // the first two warm up
    for (const f of FIGURES) if (r[f] != null) into[printed(kind, f)].push(r[f]);
  }
}

/** The page's measure of one change: `['range', month]` sets `range-from` to the month,
 * `['click', selector]` clicks the first element the selector finds. */
const measured = (page, change) => page.evaluate(([what, arg]) => window.__bench.measure(() => {
  if (what === 'range') {
    const s = document.querySelector('[data-testid="range-from"]');
    s.value = arg;
    s.dispatchEvent(new Event('change', { bubbles: true }));
  } else {
    document.querySelector(arg).click();
  }
}).then((ms) => ({ ms, redraw: window.__bench.redraw, work: window.__bench.work, settled: window.__bench.settled, task: window.__bench.task })), change);

/** Loads `url` in a new page of `browser`, then N range and N filter changes (after two warm-ups
 * of each); resolves with the load time, the customers tile and the figures of each. */
async function session(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const t = Date.now();
  // PI_BENCH_NO_WORKER=1: block the engine's worker script, so the engine runs on the page's
  // thread (its fallback), to measure what the worker's round trip costs
  if (process.env.PI_BENCH_NO_WORKER) await page.route('**/engine-worker-*', (r) => r.abort());
  await page.goto(url);
  await page.getByTestId('kpi-customers').getByTestId('kpi-value').filter({ hasText: /\d/ }).waitFor({ timeout: 120000 });
  const loadMs = Date.now() - t;
  await page.evaluate(MEASURE);
  // PI_BENCH_CSS='...': an experiment, a stylesheet added to the pages of URL only (with AB=, the
  // pages of URL_B are the control: the same build served under another address)
  if (process.env.PI_BENCH_CSS && url === process.argv[2]) await page.addStyleTag({ content: process.env.PI_BENCH_CSS });
  const figures = empty();

  // range: range-from alternates between the default first month and six months later
  const months = await page.getByTestId('range-from').locator('option:not([disabled])').evaluateAll((os) => os.map((o) => o.value));
  const first = await page.getByTestId('range-from').inputValue();
  const other = months[Math.min(months.length - 1, months.indexOf(first) + 6)];
  await at(page);
  await measureAll(N, 'range', (i) => measured(page, ['range', i % 2 === 0 ? other : first]), figures);

  // filter: the Country menu's first option, toggled on and off; or with FILTER=geo, the
  // filter made where the map is: the grid's first country selected, then "Filter the page by
  // <country>" and the chip that removes it again, in turns
  const fromMap = process.env.FILTER === 'geo';
  if (fromMap) {
    await page.getByTestId('geo-row').first().click();
    await page.getByTestId('geo-filter').waitFor();
  } else {
    await page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: /^Country\b/ }).click();
    await page.getByRole('listbox', { name: 'Country values' }).getByRole('option').first().waitFor();
  }
  await at(page);
  await measureAll(N, 'filter', async (i) => {
    const sel = !fromMap ? '[role="listbox"] [role="option"]' : i % 2 === 0 ? '[data-testid="geo-filter"]' : '.pi-chip';
    const r = await measured(page, ['click', sel]);
    // the offer to filter by the country comes back once the chip's report is shown
    if (fromMap && sel === '.pi-chip') await page.getByTestId('geo-filter').waitFor();
    return r;
  }, figures);
  const customers = await page.getByTestId('kpi-customers').getByTestId('kpi-value').innerText();
  await page.close();
  return { loadMs, customers, figures };
}

/** Scrolls the section AT names into view (top of the page without AT). */
async function at(page) {
  await page.evaluate((id) => {
    const e = id && document.querySelector(`[data-testid="${id}"]`);
    if (e) e.scrollIntoView({ block: 'start' });
    else window.scrollTo(0, 0);
  }, process.env.AT || null);
  await page.waitForTimeout(300);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const summary = (figures) => Object.fromEntries(Object.entries(figures).map(([k, xs]) => [k, stats(xs)]));
  if (!urlB) {
    const r = await session(browser, url);
    console.log(JSON.stringify({ url, load_ms: r.loadMs, customers_tile: r.customers, ...summary(r.figures) }, null, 1));
  } else {
    const pooled = {};
    for (const u of [url, urlB]) pooled[u] = { figures: empty(), rounds: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const u of round % 2 === 0 ? [url, urlB] : [urlB, url]) {
        const r = await session(browser, u);
        for (const [k, xs] of Object.entries(r.figures)) pooled[u].figures[k].push(...xs);
        pooled[u].rounds.push([stats(r.figures.range).median, stats(r.figures.filter).median]);
      }
    }
    const out = {};
    for (const [u, p] of Object.entries(pooled)) out[u] = { ...summary(p.figures), round_medians_range_filter: p.rounds };
    console.log(JSON.stringify(out, null, 1));
  }
  await browser.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
