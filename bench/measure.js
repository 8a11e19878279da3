// The in-page measure shared by bench/interaction.js and bench/profile.js: evaluated in the page,
// it defines window.__bench.measure(act), which performs `act` and resolves with the milliseconds
// from just before it to the first paint after the task that received the report (the page's
// `pi-report` mark) and after every watched text in view changed (of the adds/churn and active
// chart summaries and the customers tile, those in the viewport when the act starts): the
// sections in view render in that task, their canvases redrawn in it. A task
// posted from that frame runs after it was painted. A section out of view takes the report once
// that frame is painted (src/components/deferred.rs): window.__bench.settled is the time to the
// first paint after every watched text changed, and the promise resolves then.
// The marks `pi-t0` and `pi-t1` bound the interaction in a trace (bench/profile.js);
// window.__bench.redraw is then the part from the `pi-report` mark to the painted frame, and
// window.__bench.work the main thread's work in it, without a wait for the display's next frame:
// the task that handled the report plus the frame's own work (from its start, its display time
// or the end of that task, to painted).
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
  const elements = [
    document.querySelector('[data-testid="section-adds-churn"] .pi-chart__summary'),
    document.querySelector('[data-testid="section-active"] .pi-chart__summary'),
    document.querySelector('[data-testid="kpi-customers"]'),
  ];
  const inView = elements.map((e) => {
    if (!e) return false;
    const r = e.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  });
  const watched = () => elements.map((e) => (e ? e.textContent : ''));
  const before = watched();
  const t0 = performance.now();
  window.__bench.settled = null;
  performance.mark('pi-t0');
  act();
  const changed = () => watched().every((t, i) => t !== before[i]);
  // after the measured frame (ms): the first painted frame after every watched text changed;
  // the promise resolves then, so the next act starts on a settled page
  const settle = (ms) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      window.__bench.settled = performance.now() - t0;
      resolve(ms);
    };
    const poll = () => {
      if (changed()) ch.port2.postMessage(0);
      else if (performance.now() - t0 > 10000) reject(new Error('the sections out of view did not change within 10 s'));
      else requestAnimationFrame(poll);
    };
    poll();
  };
  const frame = (ts) => {
    const begun = performance.now();
    const now = watched();
    const arrived = performance.getEntriesByName('pi-report', 'mark').pop();
    const handled = arrived && arrived.startTime >= t0 && window.__bench.handled !== null;
    if ((handled || !arrived) && now.every((t, i) => !inView[i] || t !== before[i])) {
      const all = now.every((t, i) => t !== before[i]);
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        performance.mark('pi-t1');
        const t1 = performance.now();
        // the redraw alone: from the page's mark where the report arrived (see mark_report in
        // src/app.rs) to the frame painted
        window.__bench.redraw = arrived && arrived.startTime >= t0 ? t1 - arrived.startTime : null;
        // the frame began at its display time (ts), or when the report's task ended if later;
        // when the frame ran before the task posted at the report (h), render and frame were
        // one stretch of work
        const h = window.__bench.handled;
        // the report's task alone (null when the frame ran before it ended)
        window.__bench.task = window.__bench.redraw !== null && h !== null && h < begun ? h - arrived.startTime : null;
        window.__bench.work = window.__bench.redraw === null ? null
          : h !== null && h < begun ? h - arrived.startTime + (t1 - Math.max(ts, h))
          : window.__bench.redraw;
        if (all) {
          window.__bench.settled = t1 - t0;
          resolve(t1 - t0);
        } else {
          requestAnimationFrame(() => settle(t1 - t0));
        }
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
