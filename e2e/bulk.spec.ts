import { expect, test } from "@playwright/test";
import { correiosCode, takeOrder } from "./data";
import { signIn, USERS } from "./helpers";

test("a seller imports a tracking spreadsheet with one bad row and sees the other rows applied", async ({ page }) => {
  const orders = [1, 2, 3].map(() => takeOrder("status = 'INVOICED' and cancellation_requested_at is null"));
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
    page.getByText("Conferência: 2 de 3 linha(s) podem ser aplicadas. Nada foi alterado ainda."),
  ).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(String(orders[1]?.marketplace_code)) })).toContainText(
    "dígito verificador",
  );

  await page.getByRole("button", { name: "Registrar 2 envio(s)" }).click();
  await expect(page.getByText("2 envio(s) registrado(s); 1 linha(s) não aplicada(s).")).toBeVisible();
  await page.getByRole("link", { name: String(orders[0]?.marketplace_code) }).click();
  await expect(page.locator("h1 + span", { hasText: "Enviado" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Histórico" }).getByText(`rastreio ${good[0]}`)).toBeVisible();
});
