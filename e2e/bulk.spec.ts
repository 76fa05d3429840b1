import { expect, test } from "@playwright/test";
import { correiosCode, takeOrder } from "./data";
import { signIn, USERS } from "./helpers";

test("a seller imports a tracking spreadsheet with one bad row and sees the other rows applied", async ({ page }) => {
  // Orders the seller dispatches (in B2W Entrega and Mercado Envios 2 the marketplace does), on channels that take a
  // code without its tracking link (Mercado Livre wants both; the sheet below has no links).
  const orders = [1, 2, 3].map(() =>
    takeOrder(
      "status = 'INVOICED' and cancellation_requested_at is null and logistics_mode in ('correios', 'own_carrier') and channel <> 'mercado_livre'",
    ),
  );
  const today = new Date(Date.now() - 3 * 3600_000).toISOString().slice(0, 10).split("-").reverse().join("/");
  const good = [correiosCode("11122233"), correiosCode("44455566")];
  const bad = `${good[0]?.slice(0, 10)}${(Number(good[0]?.[10]) + 1) % 10}BR`;
  const csv = [
    "Pedido;Transportadora;Código de rastreio;Forma de envio;Data de postagem",
    `${orders[0]?.marketplace_code};Correios;${good[0]};SEDEX;${today}`,
    `${orders[1]?.marketplace_code};Correios;${bad};PAC;${today}`,
    `${orders[2]?.marketplace_code};Correios;${good[1]};PAC;${today}`,
  ].join("\r\n");

  await signIn(page, USERS.sellerA);
  await page.getByRole("link", { name: "Importar rastreios por planilha" }).click();
  await page
    .getByLabel("Planilha (.csv)")
    .setInputFiles({ name: "rastreios.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`) });
  await expect(
    page.getByText("Conferência: 2 de 3 linhas prontas para aplicar. Nada foi alterado ainda."),
  ).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(String(orders[1]?.marketplace_code)) })).toContainText(
    "dígito verificador",
  );

  await page.getByRole("button", { name: "Registrar 2 envios" }).click();
  await expect(page.getByText("2 envios registrados; 1 linha não aplicada.")).toBeVisible();
  await page.getByRole("link", { name: String(orders[0]?.marketplace_code) }).click();
  await expect(page.locator("h1 + span", { hasText: "Enviado" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Histórico" }).getByText(`rastreio ${good[0]}`)).toBeVisible();
});

test("a seller ticks three orders, prints their picking list and marks the two shipped ones delivered", async ({
  page,
}) => {
  const own = "logistics_mode in ('correios', 'own_carrier') and cancellation_requested_at is null";
  const shipped = [takeOrder(`status = 'SHIPPED' and ${own}`), takeOrder(`status = 'SHIPPED' and ${own}`)];
  const approved = takeOrder(`status = 'APPROVED' and ${own}`);
  const all = [...shipped, approved];

  await signIn(page, USERS.sellerA);
  // The selection stays while the seller searches for each order in turn.
  for (const order of all) {
    await page.getByRole("searchbox").fill(order.marketplace_code);
    await page.getByRole("button", { name: "Buscar", exact: true }).click();
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await page.getByRole("checkbox", { name: `Selecionar o pedido ${order.marketplace_code}` }).check();
  }
  await expect(page.getByText("3 pedido(s) selecionado(s)")).toBeVisible();

  const [picking] = await Promise.all([
    page.waitForEvent("popup"),
    page.getByRole("link", { name: "Lista de separação" }).click(),
  ]);
  await expect(picking.getByRole("heading", { name: "Lista de separação — 3 pedidos" })).toBeVisible();
  await expect(picking.getByRole("heading", { name: "Total por produto" })).toBeVisible();
  for (const order of all) await expect(picking.getByText(order.marketplace_code)).toBeVisible();
  await picking.close();

  await page.getByRole("button", { name: "Marcar como entregues" }).click();
  await page.getByRole("button", { name: "Marcar 3 pedido(s)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "marcado(s)" })).toHaveText(
    "2 marcado(s) como entregue(s); 1 não permitido(s).",
  );
  await expect(page.getByText(`✗ ${approved.marketplace_code}:`)).toBeVisible();
  await page.getByRole("button", { name: "Fechar" }).click();

  await page.getByRole("searchbox").fill(shipped[0]?.marketplace_code ?? "");
  await page.getByRole("button", { name: "Buscar", exact: true }).click();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator("tbody tr").first()).toContainText("Entregue");
});
