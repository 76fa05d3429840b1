import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DB = "data/e2e/fluxo.db";

export default defineConfig({
  testDir: "e2e",
  // One SQLite file and two cores: tests run one at a time against one server.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "pt-BR",
    timezoneId: "America/Sao_Paulo",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // A fresh demo database for every run, so the tests always see the same data; started the way the README says.
    command: `rm -rf data/e2e && npm start`,
    url: `http://localhost:${PORT}/entrar`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      DATABASE_PATH: DB,
      BETTER_AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456",
      AUTH_SIGNIN_LIMIT_PER_MINUTE: "1000",
      // The sandbox's own order generator is off: the tests create the marketplace orders they need.
      SANDBOX_ORDER_INTERVAL_MS: "0",
      SANDBOX_PORT: String(PORT + 1),
      ERP_API_PORT: String(PORT + 2),
      WORKER_PULL_EVERY_MS: "1000",
    },
  },
});
