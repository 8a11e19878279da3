// Where the time of an interaction goes: a CPU profile and a trace of N range changes (or filter
// changes) in headless Chromium, summed per change.
//
// Usage (from the repository root, with a build served, see BENCHMARKS.md):
//   node bench/profile.js URL [N] [range|filter]
// Prints, per interaction: the trace's main-thread time by event (style, layout, paint, script
// ...) and the CPU profile's self time by function (wasm functions carry names when the build
// keeps them: `data-keep-debug` on the rust link of index.html).
const path = require('node:path');
const { chromium } = require(path.join(__dirname, '..', 'tests', 'e2e', 'node_modules', 'playwright-core'));

const url = process.argv[2];
const N = Number(process.argv[3] || 20);
const kind = process.argv[4] || 'range';
if (!url) {
  console.error('usage: node bench/profile.js URL [N] [range|filter]');
  process.exit(2);
}

const { MEASURE } = require('./measure');

async function interact(page, i, first, other) {
  if (kind === 'range') {
    const value = i % 2 === 0 ? other : first;
    return page.evaluate((value) => window.__bench.measure(() => {
      const s = document.querySelector('[data-testid="range-from"]');
      s.value = value;
      s.dispatchEvent(new Event('change', { bubbles: true }));
    }), value);
  }
  return page.evaluate(() => window.__bench.measure(() => {
    document.querySelector('[role="listbox"] [role="option"]').click();
  }));
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url);
  await page.getByTestId('kpi-customers').getByTestId('kpi-value').filter({ hasText: /\d/ }).waitFor({ timeout: 120000 });
  await page.evaluate(MEASURE);
  // an experiment: CSS added to the page (e.g. `.pi-geo{display:none}` to see what a section costs)
  if (process.env.PI_BENCH_CSS) await page.addStyleTag({ content: process.env.PI_BENCH_CSS });
  const months = await page.getByTestId('range-from').locator('option:not([disabled])').evaluateAll((os) => os.map((o) => o.value));
  const first = await page.getByTestId('range-from').inputValue();
  const other = months[Math.min(months.length - 1, months.indexOf(first) + 6)];
  if (kind === 'filter') {
    await page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: /^Country\b/ }).click();
    await page.getByRole('listbox', { name: 'Country values' }).getByRole('option').first().waitFor();
  }
  // AT=TESTID: the section with that data-testid scrolled into view (as bench/interaction.js)
  if (process.env.AT) {
    await page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`).scrollIntoView({ block: 'start' }), process.env.AT);
    await page.waitForTimeout(300);
  }
  for (let i = 0; i < 4; i++) await interact(page, i, first, other); // warm up

  const cdp = await page.context().newCDPSession(page);
  // 1. the CPU profile
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const times = [];
  for (let i = 0; i < N; i++) times.push(await interact(page, i, first, other));
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dts = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    const key = f.functionName || (f.url ? `(anon ${path.basename(f.url)}:${f.lineNumber})` : '(anon)');
    self.set(key, (self.get(key) || 0) + (dts[i] || 0) / 1000);
  }
  // inclusive: every function on a sample's stack, once per sample
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const incl = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      const key = (f.functionName || '(anon)').replace(/::h[0-9a-f]{16}$/, '');
      if (!seen.has(key)) {
        seen.add(key);
        incl.set(key, (incl.get(key) || 0) + (dts[i] || 0) / 1000);
      }
    }
  }
  // each sample charged to the innermost frame of the page's own code (or the engine)
  const OWN = /^(partner_insights::|metrics::|worldmap::)/;
  const owner = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    let key = null;
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const name = byId.get(id).callFrame.functionName || '';
      if (OWN.test(name)) {
        key = name.replace(/::h[0-9a-f]{16}$/, '').replace(/^(metrics::report::compute::run).*/, '$1');
        break;
      }
    }
    if (key === null) {
      const leaf = byId.get(profile.samples[i]).callFrame.functionName || '(anon)';
      key = leaf.startsWith('(') ? leaf : `(other: ${leaf.includes('::') ? 'rust' : 'js'})`;
    }
    owner.set(key, (owner.get(key) || 0) + (dts[i] || 0) / 1000);
  }
  const ownerTop = [...owner.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
  const INCL = new RegExp(process.env.INCL || '(partner_insights|metrics::|plotters|worldmap|clientWidth|FunctionCall|measure|frame|tachys::|reactive_graph::|^[(]|Effect)');
  const inclTop = [...incl.entries()].filter(([k]) => INCL.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 120);
  const idle = (self.get('(idle)') || 0) + (self.get('(program)') || 0);
  const top = [...self.entries()].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 45);

  // 2. the trace: main-thread events
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  const times2 = [];
  for (let i = 0; i < N; i++) times2.push(await interact(page, i, first, other));
  await cdp.send('Tracing.end');
  await done;
  // the renderer's main thread: where most complete events of the page happen
  const mainTid = (() => {
    const c = new Map();
    for (const e of events) if (e.name === 'UpdateLayoutTree' || e.name === 'Layout') c.set(`${e.pid}:${e.tid}`, (c.get(`${e.pid}:${e.tid}`) || 0) + 1);
    return [...c.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  })();
  const byName = new Map();
  const raster = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    const key = `${e.pid}:${e.tid}`;
    const m = key === mainTid ? byName : raster;
    m.set(e.name, (m.get(e.name) || 0) + e.dur / 1000);
  }
  // within each interaction (pi-t0 .. pi-t1): the main thread's self time by event name, and
  // the time it was idle (waiting for the next frame)
  const marks = events.filter((e) => e.name === 'pi-t0' || e.name === 'pi-t1').sort((a, b) => a.ts - b.ts);
  const windows = [];
  for (let i = 0; i + 1 < marks.length; i++) if (marks[i].name === 'pi-t0' && marks[i + 1].name === 'pi-t1') windows.push([marks[i].ts, marks[i + 1].ts]);
  const main = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === mainTid && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const selfIn = new Map();
  let busy = 0;
  let span = 0;
  for (const [a, b] of windows) {
    span += b - a;
    const stack = [];
    for (const e of main) {
      if (e.ts + e.dur < a || e.ts > b) continue;
      while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
      const lo = Math.max(a, e.ts);
      const hi = Math.min(b, e.ts + e.dur);
      const d = Math.max(0, hi - lo);
      if (stack.length) {
        const p = stack[stack.length - 1];
        selfIn.set(p.name, (selfIn.get(p.name) || 0) - d);
      } else {
        busy += d;
      }
      selfIn.set(e.name, (selfIn.get(e.name) || 0) + d);
      stack.push(e);
    }
  }
  if (process.env.DUMP) {
    // the last interaction's main-thread events, as a nested list
    const [a, b] = windows[windows.length - 1];
    for (const e of main) {
      if (e.ts + e.dur < a || e.ts > b || e.dur < (+process.env.DUMP)) continue;
      const depth = main.filter((p) => p !== e && p.ts <= e.ts && p.ts + p.dur >= e.ts + e.dur && p.ts + p.dur >= a && p.ts <= b && p.dur >= (+process.env.DUMP)).length;
      const extra = e.args && e.args.data ? JSON.stringify(e.args.data).slice(0, 100) : '';
      console.error(`${((e.ts - a) / 1000).toFixed(2).padStart(7)} ${'  '.repeat(depth)}${e.name} ${(e.dur / 1000).toFixed(2)} ${extra}`);
    }
  }
  const perW = (us) => +(us / 1000 / Math.max(1, windows.length)).toFixed(2);
  const inWindow = {
    interactions: windows.length,
    span_ms: perW(span),
    main_thread_busy_ms: perW(busy),
    main_thread_idle_ms: perW(span - busy),
    self_ms_by_event: Object.fromEntries([...selfIn.entries()].filter(([, v]) => v > 0).sort((x, y) => y[1] - x[1]).slice(0, 20).map(([k, v]) => [k, perW(v)])),
  };
  const per = (ms) => +(ms / N).toFixed(2);
  const sortMap = (m, k) => Object.fromEntries([...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, v]) => [n, per(v)]));
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(JSON.stringify({
    kind,
    n: N,
    median_ms_profiled: +med(times).toFixed(1),
    median_ms_traced: +med(times2).toFixed(1),
    cpu_self_ms_per_change: Object.fromEntries(top.map(([k, v]) => [k, per(v)])),
    cpu_program_ms_per_change: per(idle),
    cpu_by_own_code_ms_per_change: Object.fromEntries(ownerTop.map(([k, v]) => [k, per(v)])),
    cpu_inclusive_ms_per_change: Object.fromEntries(inclTop.map(([k, v]) => [k, per(v)])),
    trace_within_interaction: inWindow,
    trace_main_thread_inclusive_ms_per_change: sortMap(byName, 30),
    trace_other_threads_ms_per_change: sortMap(raster, 15),
  }, null, 1));
  await browser.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
