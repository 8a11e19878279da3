// Shared by the chart specs: the engine's report for a range (the `insights` command line), month
// labels as the page writes them, and the "view as table" alternative of a chart section.
const { expect } = require('@playwright/test');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = process.env.PI_ROOT || path.resolve(__dirname, '..', '..');
const INSIGHTS = path.join(ROOT, 'target', 'debug', process.platform === 'win32' ? 'insights.exe' : 'insights');
const SAMPLE = path.join(ROOT, 'data', 'sample.json');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function cliReport(from, to) {
  if (!fs.existsSync(INSIGHTS)) throw new Error(`${INSIGHTS} is missing: run cargo build -p pi-cli`);
  const out = execFileSync(INSIGHTS, ['report', SAMPLE, '--from', from, '--to', to], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out);
}

/** "2026-03" -> "Mar 2026" */
function words(m) {
  const [y, mo] = m.split('-');
  return `${MONTHS[Number(mo) - 1]} ${y}`;
}

/** A chart table (the first in `section`, or the `nth`) as { head, rows } of visible text. */
async function readTable(section, nth = 0) {
  const table = section.getByTestId('chart-table').nth(nth);
  await expect(table).toBeVisible();
  const head = await table.locator('thead th').allInnerTexts();
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.children).map((c) => c.textContent.trim())),
  );
  return { head: head.map((h) => h.trim()), rows };
}

async function showTable(section) {
  await section.getByRole('button', { name: 'View as table' }).click();
  await expect(section.getByTestId('chart-table').first()).toBeVisible();
}

module.exports = { cliReport, words, readTable, showTable };
