import { readdirSync, readFileSync } from "node:fs";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { freshAccessKey } from "./data";
import { sandbox, signIn, USERS } from "./helpers";

// The database the e2e server was started with (playwright.config.ts): it tells this server's worker from any other.
const DATABASE_PATH = "data/e2e/fluxo.db";

interface Health {
  whole: boolean;
  description: string;
  parts: Record<string, { up: boolean; state: string; restarts: number; lastCrash: { signal: string | null } | null }>;
  outbox: { pending: number; sent: number; retrying: number } | null;
}

/** The worker `npm start` runs for this server, found the way an operator would: by its script and environment. */
function workerPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      if (cmdline.includes("scripts/worker.ts") && environ.includes(`DATABASE_PATH=${DATABASE_PATH}`)) {
        pids.push(Number(entry));
      }
    } catch {
      // Gone between the listing and the read.
    }
  }
  return pids;
}

async function health(request: APIRequestContext): Promise<{ status: number; body: Health }> {
  const res = await request.get("/api/saude", { headers: { connection: "close" } });
  return { status: res.status(), body: (await res.json()) as Health };
}

/** Health as seen every 100 ms until the worker is up again after `restarts` restarts. */
async function watchWorker(request: APIRequestContext, restarts: number): Promise<{ status: number; body: Health }[]> {
  const seen: { status: number; body: Health }[] = [];
  for (;;) {
    const now = await health(request);
    seen.push(now);
    const worker = now.body.parts.worker;
    if (worker?.state === "up" && worker.restarts >= restarts) return seen;
    if (seen.length > 600) throw new Error(`the worker did not come back: ${JSON.stringify(now.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("a worker killed with SIGKILL is restarted by npm start while the web keeps serving, and an update made meanwhile reaches the marketplace", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const before = await health(request);
  expect(before.status).toBe(200);
  expect(before.body.whole).toBe(true);
  expect(Object.keys(before.body.parts).sort()).toEqual(["erp-api", "sandbox", "web", "worker"]);
  const restartsBefore = before.body.parts.worker?.restarts ?? 0;

  await signIn(page, USERS.sellerA);
  const created = await sandbox(request).post("/admin/orders", {
    seller: "06929383000163",
    channel: "americanas",
    logisticsMode: "correios",
    status: "APPROVED",
  });
  expect(created.ok()).toBe(true);
  const { code } = (await created.json()) as { code: string };
  const row = page.locator("tbody tr", { hasText: code });
  await expect(row).toBeVisible({ timeout: 20_000 });

  await row.getByRole("link", { name: code }).click();
  await expect(page.getByRole("heading", { name: `Pedido ${code}` })).toBeVisible();
  await page.getByLabel(/Chave de acesso da NF-e/).fill(freshAccessKey());

  const [worker, ...others] = workerPids();
  expect(others).toEqual([]);
  process.kill(worker ?? 0, "SIGKILL");
  // Watched from the kill on, while the seller works: the worker is down for about a second.
  const watched = watchWorker(request, restartsBefore + 1);

  // The web server keeps serving: the seller's change is taken, to wait in the outbox for the worker.
  await page.getByRole("button", { name: "Confirmar nota fiscal" }).click();
  await expect(page.getByTestId("replication-invoice")).toBeVisible();

  const seen = await watched;
  const down = seen.find((h) => h.status === 503 && h.body.parts.worker?.state === "restarting");
  expect(down?.body.parts.worker?.lastCrash?.signal).toBe("SIGKILL");
  expect(down?.body.description).toBe("O worker parou e o Fluxo o reinicia sozinho; aguarde alguns segundos.");
  expect(seen.at(-1)?.status).toBe(200);
  expect(seen.every((h) => h.body.parts.web?.up && h.body.parts.sandbox?.up)).toBe(true);
  expect(workerPids()).not.toContain(worker);

  await expect(page.getByTestId("replication-invoice")).toHaveText(/Confirmada pelo marketplace/, { timeout: 30_000 });
  const view = await sandbox(request).get(`/v1/orders/americanas/${code}?seller=06929383000163`);
  expect(((await view.json()) as { status: string }).status).toBe("INVOICED");
  await page.goto("/pedidos");
  await expect(row).toBeVisible();
});
