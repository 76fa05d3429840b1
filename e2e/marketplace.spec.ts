import { expect, test } from "@playwright/test";
import { correiosCode, freshAccessKey } from "./data";
import { sandbox, signIn, USERS } from "./helpers";

test("an order created in the marketplace appears on the board, is invoiced and shipped, and both updates are acknowledged", async ({
  page,
  request,
}) => {
  await signIn(page, USERS.sellerA);
  const created = await sandbox(request).post(`/admin/orders`, {
    seller: "06929383000163",
    channel: "americanas",
    logisticsMode: "correios",
    status: "APPROVED",
  });
  expect(created.ok()).toBe(true);
  const { code } = (await created.json()) as { code: string };

  // No reload: the worker pulls the marketplace and the board refreshes itself.
  const row = page.locator("tbody tr", { hasText: code });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText("Pagamento confirmado");
  await row.getByRole("link", { name: code }).click();
  await expect(page.getByRole("heading", { name: `Pedido ${code}` })).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Histórico" }).getByText("Pedido recebido do marketplace"),
  ).toBeVisible();

  await page.getByLabel(/Chave de acesso da NF-e/).fill(freshAccessKey());
  await page.getByRole("button", { name: "Confirmar nota fiscal" }).click();
  await expect(page.getByTestId("replication-invoice")).toHaveText(/Confirmada pelo marketplace/);

  await page.getByLabel("Transportadora", { exact: true }).selectOption("correios");
  const tracking = correiosCode("55512345");
  await page.getByLabel("Código de rastreio").fill(tracking);
  await page.getByLabel("Forma de envio").fill("PAC");
  await page.getByRole("button", { name: "Confirmar envio" }).click();
  await expect(page.getByTestId("replication-shipment")).toHaveText(/Confirmada pelo marketplace/);
  await expect(page.getByTestId("replication-invoice")).toHaveText(/Confirmada pelo marketplace/);
  await expect(page.getByRole("region", { name: "Histórico" }).getByText("Americanas confirmou: Envio")).toBeVisible();

  // Back on the board, the order's row says what was last sent to the marketplace and when it was confirmed.
  await page.getByRole("link", { name: "Pedidos", exact: true }).first().click();
  await expect(page.locator("tbody tr", { hasText: code })).toContainText(
    /Envio: confirmada em \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/,
  );

  // The marketplace's own view agrees.
  const view = await sandbox(request).get(`/v1/orders/americanas/${code}?seller=06929383000163`);
  const marketplace = (await view.json()) as { status: string; shipment: { trackingCode: string } };
  expect(marketplace.status).toBe("SHIPPED");
  expect(marketplace.shipment.trackingCode).toBe(tracking);
});
