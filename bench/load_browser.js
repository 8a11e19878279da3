// Browser load benchmark: the page loading Insights JSON exports through its file input, against
// JSON.parse of the same bytes, in headless Chromium; with the main thread's long tasks
// (PerformanceObserver 'longtask', tasks over 50 ms) while the page loads, and the peak memory of
// each case.
//
//   target/debug/insights generate --customers 2250 --months 36 --format insights-json -o target/bench-100m
//   trunk build --release --offline
//   mkdir -p target/e2e-site && ln -sfn "$PWD/dist" target/e2e-site/partner-insights
//   python3 scripts/serve.py 8104 target/e2e-site "$PWD/dist/csp.txt" "'self'" http://localhost:8104 &
//   NODE_PATH=tests/e2e/node_modules node bench/load_browser.js http://127.0.0.1:8104/partner-insights/ target/bench-100m [RUNS]
//
// Each case gets its own browser, so that memory figures do not mix: (1) the page loads the files
// RUNS times (default 3; back to the sample between runs); (2) a fresh browser reads the same files
// with Blob.arrayBuffer + TextDecoder + JSON.parse, RUNS times. Memory: the resident set (VmRSS
// from /proc) of every process of that browser, sampled every 50 ms; the peak of their sum and the
// peak of the largest one (the page's renderer, which also runs its workers) are printed, minus
// nothing (they include the browser's own ~150-250 MB).
//
// With ALTERNATE=1 (no memory figures): one browser, the page's load and the JavaScript baseline
// take turns for RUNS rounds; medians of both. On a VM whose speed drifts, this is the fair
// comparison of the two.
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const path = require('node:path');

const [url, dir, runsArg] = process.argv.slice(2);
if (!url || !dir) throw new Error('usage: node bench/load_browser.js PAGE_URL DIR_OF_FILES [RUNS]');
const RUNS = Number(runsArg || 3);
const files = fs
  .readdirSync(dir)
  .sort()
  .map((f) => path.resolve(dir, f));
const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
const mb = bytes / 1e6;

// RSS (bytes) of `pid` and its descendants, by pid.
function tree(pid) {
  const kids = new Map();
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(p));
    } catch {}
  }
  const out = new Map();
  const walk = (p) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) out.set(p, Number(m[1]) * 1024);
    } catch {}
    for (const k of kids.get(p) || []) walk(k);
  };
  walk(pid);
  return out;
}

// Samples the processes started by this script (the one browser that is open).
function sampler() {
  const peak = { sum: 0, largest: 0 };
  const t = setInterval(() => {
    const all = tree(process.pid);
    all.delete(process.pid);
    const rss = [...all.values()];
    peak.sum = Math.max(peak.sum, rss.reduce((a, b) => a + b, 0));
    peak.largest = Math.max(peak.largest, ...rss);
  }, 50);
  return { peak, stop: () => clearInterval(t) };
}

const launch = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
const gb = (n) => `${(n / 1e9).toFixed(2)} GB`;

// The page, showing its sample, with long tasks recorded.
async function openPage(browser) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript(() => {
    window.__longtasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longtasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.getByTestId('kpi-customers').getByTestId('kpi-value').waitFor();
  return page;
}

// A file input holding the files, in a page of the same origin, for the JavaScript baseline.
async function openJs(browser) {
  const jsPage = await browser.newPage();
  await jsPage.goto(url);
  const input = await jsPage.evaluateHandle(() => {
    const i = document.createElement('input');
    i.type = 'file';
    i.multiple = true;
    document.body.append(i);
    return i;
  });
  await input.setInputFiles(files);
  return input;
}

// One load through the page's file input, timed in the page (see below), and its long tasks.
async function pageLoad(page) {
  // a partner picks files seconds after the page shows its data; by then the engine has a
  // worker started for the next load (src/engine.rs), which a load right after the last
  // one would not find
  await page.waitForTimeout(1500);
  await page.evaluate(() => (window.__longtasks = []));
  await page.evaluate(([n, first]) => {
    // in the page, from the file input's change event: `parsed`, the first frame painted with
    // the load report of the n files (the engine has read and parsed them); `ms`, the first
    // frame painted with the tiles of the new data too (its first report computed and
    // rendered). A task posted from a frame runs after its paint.
    window.__load = null;
    const tile = () => document.querySelector('[data-testid=kpi-customers] [data-testid=kpi-value]');
    document.addEventListener(
      'change',
      () => {
        const t0 = performance.now();
        const before = tile() && tile().textContent;
        let parsed = null;
        const after = (f) => {
          const ch = new MessageChannel();
          ch.port1.onmessage = f;
          ch.port2.postMessage(0);
        };
        const tick = () => {
          const summary = document.querySelector('[data-testid=load-report] summary');
          const report = document.querySelector('[data-testid=load-report]');
          const loaded = summary && new RegExp(`(^|\\D)${n} files?\\b`).test(summary.textContent) && report.textContent.includes(first);
          if (loaded && parsed === null) {
            parsed = -1;
            after(() => (parsed = performance.now() - t0));
          }
          if (!(loaded && tile() && tile().textContent !== before)) return requestAnimationFrame(tick);
          after(() => (window.__load = { parsed, ms: performance.now() - t0 }));
        };
        requestAnimationFrame(tick);
      },
      { capture: true, once: true },
    );
  }, [files.length, path.basename(files[0])]);
  await page.getByTestId('file-input').setInputFiles(files);
  await page.waitForFunction(() => window.__load !== null, null, { timeout: 600_000, polling: 100 });
  const { parsed, ms: msRaw } = await page.evaluate(() => window.__load);
  const ms = Math.round(msRaw);
  const tasks = await page.evaluate(() => window.__longtasks);
  const run = { parsed: Math.round(parsed), ms, longest: Math.round(Math.max(0, ...tasks)), longSum: Math.round(tasks.reduce((a, b) => a + b, 0)), n: tasks.length };
  await page.getByRole('button', { name: 'Back to the sample' }).click();
  await page.getByTestId('load-report').locator('summary').filter({ hasText: '1 file ·' }).waitFor();
  await page.waitForFunction((first) => !document.querySelector('[data-testid=load-report]').textContent.includes(first), path.basename(files[0]));
  return run;
}

// Blob.arrayBuffer + TextDecoder + JSON.parse of the files of `input`, timed in its page.
function jsLoad(input) {
  return input.evaluate(async (el) => {
    let read = 0;
    let decode = 0;
    let parse = 0;
    for (const f of el.files) {
      try {
        let t = performance.now();
        const buf = await f.arrayBuffer();
        read += performance.now() - t;
        t = performance.now();
        const text = new TextDecoder().decode(buf);
        decode += performance.now() - t;
        t = performance.now();
        JSON.parse(text);
        parse += performance.now() - t;
      } catch (e) {
        // past V8's longest string (2^29 - 24 characters), a file cannot be one string
        return { failed: `${f.name} (${(f.size / 1e6).toFixed(0)} MB): ${e}` };
      }
    }
    return { read: Math.round(read), decode: Math.round(decode), parse: Math.round(parse) };
  });
}

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

// ALTERNATE=1: one browser, the page and the JavaScript baseline taking turns, RUNS rounds, so
// that both see the same moments of a machine whose speed drifts; medians and the rounds.
async function alternate() {
  const browser = await launch();
  const page = await openPage(browser);
  const input = await openJs(browser);
  const rounds = [];
  for (let i = 0; i < RUNS; i++) {
    const p = await pageLoad(page);
    const j = await jsLoad(input);
    rounds.push({ page: p.parsed, tiles: p.ms, js: j.read + j.decode + j.parse });
  }
  await browser.close();
  const m = (k) => median(rounds.map((r) => r[k]));
  console.log(`files: ${files.map((f) => path.basename(f)).join(', ')} (${mb.toFixed(1)} MB), ${RUNS} alternated rounds, medians:`);
  console.log(`  the page, file input -> load report: ${m('page')} ms = ${(mb / (m('page') / 1000)).toFixed(1)} MB/s; -> tiles: ${m('tiles')} ms`);
  console.log(`  arrayBuffer + TextDecoder + JSON.parse: ${m('js')} ms = ${(mb / (m('js') / 1000)).toFixed(1)} MB/s`);
  console.log(`  rounds where the page was faster: ${rounds.filter((r) => r.page <= r.js).length} of ${RUNS}`);
  console.log(`  rounds: ${JSON.stringify(rounds)}`);
}

(async () => {
  if (process.env.ALTERNATE) return alternate();
  // (1) the page
  let browser = await launch();
  let mem = sampler();
  const page = await openPage(browser);
  const inWorker = (await page.locator('meta[name=pi-engine-worker]').count()) > 0;
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await pageLoad(page));
  mem.stop();
  const pageMem = { ...mem.peak };
  await browser.close();

  // (2) JSON.parse of the same bytes, in a fresh browser: read as bytes, decode UTF-8, parse
  browser = await launch();
  mem = sampler();
  const input = await openJs(browser);
  const js = [];
  for (let i = 0; i < RUNS; i++) js.push(await jsLoad(input));
  mem.stop();
  const jsMem = { ...mem.peak };
  await browser.close();

  const best = (xs, k) => Math.min(...xs.map((x) => x[k]));
  const page_ms = best(runs, 'ms');
  const failed = js.find((x) => x.failed);
  console.log(`files: ${files.map((f) => path.basename(f)).join(', ')} (${mb.toFixed(1)} MB); engine in a worker: ${inWorker}`);
  const parsed_ms = best(runs, 'parsed');
  console.log(`page load, file input -> load report (read and parsed), best of ${RUNS}: ${parsed_ms} ms = ${(mb / (parsed_ms / 1000)).toFixed(1)} MB/s`);
  console.log(`page load, file input -> tiles of the new data, best of ${RUNS}: ${page_ms} ms = ${(mb / (page_ms / 1000)).toFixed(1)} MB/s`);
  console.log(`  longest main-thread task: ${Math.max(...runs.map((r) => r.longest))} ms (worst run)`);
  console.log(`  runs: ${JSON.stringify(runs)}`);
  console.log(`  peak RSS: all processes ${gb(pageMem.sum)}, largest process ${gb(pageMem.largest)}`);
  if (failed) {
    console.log(`JSON.parse could not take the files: ${failed.failed}`);
  } else {
    const parse_ms = best(js, 'parse');
    const all_ms = Math.min(...js.map((x) => x.read + x.decode + x.parse));
    console.log(`JSON.parse only, best of ${RUNS}: ${parse_ms} ms = ${(mb / (parse_ms / 1000)).toFixed(1)} MB/s`);
    console.log(`arrayBuffer + TextDecoder + JSON.parse, best of ${RUNS}: ${all_ms} ms = ${(mb / (all_ms / 1000)).toFixed(1)} MB/s`);
  }
  console.log(`  runs: ${JSON.stringify(js)}`);
  console.log(`  peak RSS: all processes ${gb(jsMem.sum)}, largest process ${gb(jsMem.largest)}`);
})();
