import { expect, test } from "@playwright/test";
import { freshAccessKey } from "./data";
import { expectNoSeriousA11yViolations, sandbox, signIn, USERS } from "./helpers";

const ERP_API = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 2}`;

test("a seller creates a key for the ERP, the ERP reads a new order from the queue and invoices it, and a revoked key is refused", async ({
  page,
  request,
}) => {
  await signIn(page, USERS.sellerA);
  await page.getByRole("link", { name: "API para ERP" }).click();
  await expect(page.getByRole("heading", { name: "API para ERP" })).toBeVisible();
  await page.getByLabel("Nome da nova chave").fill("Bling");
  await page.getByRole("button", { name: "Criar chave" }).click();
  const shown = page.getByRole("status").filter({ hasText: "não será mostrada de novo" });
  await expect(shown).toBeVisible();
  const key = (await shown.locator("code").nth(1).textContent()) ?? "";
  const email = (await shown.locator("code").nth(0).textContent()) ?? "";
  await expectNoSeriousA11yViolations(page);

  const headers = { "X-User-Email": email, "X-Api-Key": key, connection: "close" };
  const created = await sandbox(request).post("/admin/orders", {
    seller: "06929383000163",
    channel: "americanas",
    logisticsMode: "correios",
    status: "APPROVED",
  });
  const { code } = (await created.json()) as { code: string };
  // The worker takes the order from the marketplace; the ERP drains the queue until it arrives.
  await expect
    .poll(
      async () => {
        for (;;) {
          const next = await request.get(`${ERP_API}/queues/orders`, { headers });
          if (next.status() !== 200) return null;
          const order = (await next.json()) as { code: string };
          await request.delete(`${ERP_API}/queues/orders/${encodeURIComponent(order.code)}`, { headers });
          if (order.code === `Americanas-${code}`) return order.code;
        }
      },
      { timeout: 20_000 },
    )
    .toBe(`Americanas-${code}`);
  const invoiced = await request.post(`${ERP_API}/orders/${encodeURIComponent(`Americanas-${code}`)}/invoice`, {
    headers,
    data: { invoice: { key: freshAccessKey() } },
  });
  expect(invoiced.status()).toBe(204);

  await page.goto(`/pedidos?busca=${encodeURIComponent(code)}`);
  await page.getByRole("link", { name: code }).first().click();
  await expect(page.getByRole("region", { name: "Histórico" }).getByText("ERP Bling")).toBeVisible();

  await page.getByRole("link", { name: "API para ERP" }).click();
  await page.getByRole("button", { name: "Revogar a chave Bling" }).click();
  await expect(page.getByText(/Revogada em/)).toBeVisible();
  const refused = await request.get(`${ERP_API}/orders/${encodeURIComponent(code)}`, { headers });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: string }).error).toContain("revogada");
});
