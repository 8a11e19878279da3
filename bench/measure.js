// The in-page measure shared by bench/interaction.js and bench/profile.js: evaluated in the page,
// it defines window.__bench.measure(act), which performs `act` and resolves with the milliseconds
// from just before it to the first paint after every watched text changed (the adds/churn and
// active chart summaries and the customers tile: the report arrived, the sections rendered, the
// canvases redrew in the same task). A task posted from that frame runs after it was painted.
// The marks `pi-t0` and `pi-t1` bound the interaction in a trace (bench/profile.js);
// window.__bench.redraw is then the part from the page's `pi-report` mark (the report arrived)
// to the painted frame, and window.__bench.work the main thread's work in it, without a wait
// for the display's next frame: the task that handled the report plus the frame's own work
// (from its start, its display time or the end of that task, to painted).
module.exports.MEASURE = `
window.__bench = window.__bench || {};
if (!window.__bench.wrapped) {
  // when the page marks a report's arrival, a task posted then runs once the task handling it
  // (and its microtasks) has ended
  window.__bench.wrapped = true;
  const mark = performance.mark.bind(performance);
  performance.mark = (name, ...rest) => {
    const m = mark(name, ...rest);
    if (name === 'pi-report') {
      window.__bench.handled = null;
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { window.__bench.handled = performance.now(); };
      ch.port2.postMessage(0);
    }
    return m;
  };
}
window.__bench.measure = (act) => new Promise((resolve, reject) => {
  const watched = () => [
    document.querySelector('[data-testid="section-adds-churn"] .pi-chart__summary'),
    document.querySelector('[data-testid="section-active"] .pi-chart__summary'),
    document.querySelector('[data-testid="kpi-customers"]'),
  ].map((e) => (e ? e.textContent : ''));
  const before = watched();
  const t0 = performance.now();
  performance.mark('pi-t0');
  act();
  const frame = (ts) => {
    const begun = performance.now();
    const now = watched();
    if (now.every((t, i) => t !== before[i])) {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        performance.mark('pi-t1');
        const t1 = performance.now();
        // the redraw alone: from the page's mark where the report arrived (see mark_report in
        // src/app.rs) to the frame painted
        const arrived = performance.getEntriesByName('pi-report', 'mark').pop();
        window.__bench.redraw = arrived && arrived.startTime >= t0 ? t1 - arrived.startTime : null;
        // the frame began at its display time (ts), or when the report's task ended if later;
        // when the frame ran before the task posted at the report (h), render and frame were
        // one stretch of work
        const h = window.__bench.handled;
        window.__bench.work = window.__bench.redraw === null ? null
          : h !== null && h < begun ? h - arrived.startTime + (t1 - Math.max(ts, h))
          : window.__bench.redraw;
        resolve(t1 - t0);
      };
      ch.port2.postMessage(0);
    } else if (performance.now() - t0 > 10000) {
      reject(new Error('the page did not change within 10 s: ' + JSON.stringify(now)));
    } else {
      requestAnimationFrame(frame);
    }
  };
  requestAnimationFrame(frame);
});
`;
