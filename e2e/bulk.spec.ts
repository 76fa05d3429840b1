import { expect, type Page, test } from "@playwright/test";
import { correiosCode, type DemoOrder, takeOrder } from "./data";
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

async function search(page: Page, text: string) {
  await page.getByRole("searchbox").fill(text);
  await page.getByRole("button", { name: "Buscar", exact: true }).click();
}

test("a seller ticks the shipped orders shown, prints their picking list and marks them delivered; ticks left in another view are not included", async ({
  page,
}) => {
  // Orders whose delivery the seller reports: Americanas leaves it to the seller outside B2W Entrega (Zoom, Amazon and
  // the marketplaces' own logistics report it themselves).
  const own =
    "channel = 'americanas' and logistics_mode in ('correios', 'own_carrier') and cancellation_requested_at is null";
  const shipped = [takeOrder(`status = 'SHIPPED' and ${own}`), takeOrder(`status = 'SHIPPED' and ${own}`)];
  const approved = takeOrder(`status = 'APPROVED' and ${own}`);
  const [first, second] = shipped as [DemoOrder, DemoOrder];

  await signIn(page, USERS.sellerA);
  // Ticked in one view, then the seller moved to another: the tick stays behind, it is not acted on.
  await search(page, approved.marketplace_code);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await page.getByRole("checkbox", { name: `Selecionar o pedido ${approved.marketplace_code}` }).check();
  await expect(page.getByText("1 pedido selecionado", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: /^Enviado: / }).click();
  await expect(page.getByText("1 pedido selecionado", { exact: true })).toHaveCount(0);

  // Both shipped orders in one view: the tab without the search.
  await search(page, "");
  await expect(page).not.toHaveURL(/busca=/);
  const more = page.getByRole("button", { name: "Mostrar mais pedidos" });
  for (const order of shipped) {
    const box = page.getByRole("checkbox", { name: `Selecionar o pedido ${order.marketplace_code}` });
    // Decide only on a settled list: while a page loads the button reads "Carregando…" and after the last page it is
    // gone, so asking for it while the order's page is arriving would wait forever.
    await expect(box.or(more).first()).toBeVisible();
    while (!(await box.isVisible())) {
      const shown = await page.locator("tbody tr").count();
      await more.click();
      await expect(page.locator("tbody tr")).not.toHaveCount(shown);
    }
    await box.check();
  }
  await expect(page.getByText("2 pedidos selecionados", { exact: true })).toBeVisible();

  const [picking] = await Promise.all([
    page.waitForEvent("popup"),
    page.getByRole("link", { name: "Lista de separação" }).click(),
  ]);
  await expect(picking.getByRole("heading", { name: "Lista de separação — 2 pedidos" })).toBeVisible();
  for (const order of shipped) await expect(picking.getByText(order.marketplace_code)).toBeVisible();
  await expect(picking.getByText(approved.marketplace_code)).toHaveCount(0);
  await picking.close();

  await page.getByRole("button", { name: "Marcar como entregues" }).click();
  await page.getByRole("button", { name: "Marcar 2 pedidos" }).click();
  await expect(page.getByRole("status").filter({ hasText: "como entregue" })).toHaveText(
    "2 marcados como entregues; 0 não permitidos.",
  );
  await page.getByRole("button", { name: "Fechar" }).click();
  // Acted on: the ticks are gone.
  await expect(page.getByText(/pedidos? selecionados?/)).toHaveCount(0);

  await page.getByRole("button", { name: /^Todos: / }).click();
  for (const [order, status] of [
    [first, "Entregue"],
    [second, "Entregue"],
    [approved, "Pagamento confirmado"],
  ] as const) {
    await search(page, order.marketplace_code);
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await expect(page.locator("tbody tr").first()).toContainText(status);
  }
});
