// Playwright settings for Tremplin's browser tests. Run them with `e2e/run`, which builds nothing,
// starts `tremplin demo` on a free port and sets BASE_URL; see e2e/run for the details.
import { defineConfig } from '@playwright/test';

const baseURL = process.env.BASE_URL;
if (!baseURL) {
  throw new Error(
    'BASE_URL is not set. Run the browser tests with e2e/run (it starts the server), ' +
      'or point them at a running server: BASE_URL=http://127.0.0.1:8080 npx playwright test',
  );
}

// Debian's Chromium, never a browser downloaded by Playwright (this network reaches no browser CDN).
const chromium = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  // One worker: the specs share one demo server, whose rate limits on login and sign-up are per IP.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    // A French visitor: the UI must be French by default anyway.
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    // Our pages send a strict CSP (no 'unsafe-inline'); the injected axe-core script needs this.
    bypassCSP: true,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
