// Playwright settings for the e2e tests. `./x test` serves the release build (dist/) on a free
// localhost port and passes its URL as PI_BASE_URL. Chromium comes from the system (apt), never
// downloaded: CHROMIUM (set by ./x) or /usr/bin/chromium.
const { defineConfig } = require('@playwright/test');

module.exports = defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.js$/,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: process.env.PI_BASE_URL || 'http://127.0.0.1:8080/',
    browserName: 'chromium',
    viewport: { width: 1400, height: 1000 },
    // the page follows the browser's language: the English specs do not depend on the machine's
    // (i18n.spec.js opens French contexts itself)
    locale: 'en-US',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
