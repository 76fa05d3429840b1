import { expect, test } from "@playwright/test";
import { freshAccessKey } from "./data";
import { expectNoSeriousA11yViolations, sandbox, signIn, USERS } from "./helpers";

const SELLER_A_CNPJ = "06929383000163";

test("a manual change in the marketplace's panel becomes a divergence that support settles by accepting the marketplace's state", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.sellerA);
  const created = await sandbox(request).post(`/admin/orders`, {
    seller: SELLER_A_CNPJ,
    channel: "americanas",
    logisticsMode: "correios",
    status: "APPROVED",
  });
  expect(created.ok()).toBe(true);
  const { code } = (await created.json()) as { code: string };

  // The worker pulls the marketplace and the board refreshes itself: the search finds the order once it is in.
  await page.getByRole("searchbox").fill(code);
  await page.getByRole("button", { name: "Buscar", exact: true }).click();
  const row = page.locator("tbody tr", { hasText: code });
  // Generous: a reconciliation pass over the whole demo data can delay the pull by a few seconds.
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.getByRole("link", { name: code }).click();
  await expect(page.getByRole("heading", { name: `Pedido ${code}` })).toBeVisible();

  await page.getByRole("button", { name: "Cancelar pedido" }).click();
  const cancel = page.getByRole("dialog", { name: "Cancelar pedido" });
  await cancel.getByLabel("Motivo do cancelamento").fill("Cliente desistiu da compra");
  await cancel.getByRole("button", { name: "Confirmar" }).click();
  await expect(page.getByTestId("replication-cancel")).toHaveText(/Confirmada pelo marketplace/, { timeout: 30_000 });

  // Someone invoices the order by hand in the marketplace's own panel.
  const manual = await sandbox(request).post(`/admin/orders/americanas/${encodeURIComponent(code)}/manual-change`, {
    status: "INVOICED",
    accessKey: freshAccessKey(),
  });
  expect(manual.ok()).toBe(true);
  const view = await sandbox(request).get(`/v1/orders/americanas/${encodeURIComponent(code)}?seller=${SELLER_A_CNPJ}`);
  expect(((await view.json()) as { status: string }).status).toBe("INVOICED");

  await page.getByRole("button", { name: "Conferir com o marketplace" }).click();
  await expect(page.getByText("Conferido: 1 divergência com o marketplace.")).toBeVisible();
  const banner = page.getByRole("region", { name: "Divergência com o marketplace" });
  await expect(banner).toContainText("O pedido está diferente no marketplace.");
  await expect(banner).toContainText("No Fluxo o pedido está “Cancelado”, mas Americanas diz “Nota fiscal emitida”");
  await expect(banner).toContainText("Não altere o pedido no painel do marketplace");

  await page.getByRole("link", { name: "← Pedidos" }).click();
  await expect(page.getByTestId("divergent-orders")).toHaveText(/^\d+ pedidos? divergentes? do marketplace$/);

  await page.getByRole("button", { name: "Sair" }).click();
  await expect(page).toHaveURL(/\/entrar/);
  await signIn(page, USERS.support);
  await page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Divergências" }).click();
  await expect(page).toHaveURL(/\/suporte\/divergencias/);
  await expect(page.getByRole("heading", { name: "Divergências com os marketplaces" })).toBeVisible();

  const card = page.getByRole("article", { name: `Pedido ${code}` });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Loja Aurora · Americanas");
  await expect(card).toContainText("Alteração manual no marketplace");
  await expect(card).toContainText(/aberta há/);
  const statusRow = card.getByRole("row", { name: /^Status/ });
  await expect(statusRow.getByRole("cell").nth(0)).toHaveText("Cancelado");
  await expect(statusRow.getByRole("cell").nth(1)).toHaveText("Nota fiscal emitida");
  await expect(statusRow.getByRole("rowheader")).toContainText("diferente");
  await expectNoSeriousA11yViolations(page);

  await card.getByRole("button", { name: "Aceitar o estado do marketplace" }).click();
  const accept = page.getByRole("dialog", { name: "Aceitar o estado do marketplace" });
  await expect(accept).toContainText("Status: Cancelado → Nota fiscal emitida");
  await accept.getByRole("button", { name: "Confirmar" }).click();
  await expect(card).toHaveCount(0);

  const notice = page.getByRole("status").filter({ hasText: `Pedido ${code}` });
  await expect(notice).toContainText("estado do marketplace aceito");
  await notice.getByRole("link", { name: `Abrir o pedido ${code}` }).click();
  await expect(page.getByRole("heading", { name: `Pedido ${code}` })).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Histórico" }).getByText(/^Suporte aceitou o estado do marketplace/),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Divergência com o marketplace" })).toHaveCount(0);
});

test("support finds late orders beside the queue, apart from the divergences, and opens an account's", async ({
  page,
}) => {
  await signIn(page, USERS.support);
  await page.goto("/suporte/divergencias");
  const late = page.getByRole("region", { name: "Pedidos atrasados" });
  await expect(late).toContainText("Não são divergências");
  const link = late.getByRole("link", { name: /^Casa Verde: \d+ pedidos? atrasados?$/ });
  await expect(link).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await link.click();
  await expect(page).toHaveURL(/\/pedidos\?prazo=atrasados$/);
  await expect(page.getByRole("combobox", { name: "Conta" }).locator("option:checked")).toHaveText(/^Casa Verde/);
});

test("a seller who opens the support queue is told it is restricted, not shown the queue", async ({ page }) => {
  await signIn(page, USERS.sellerA);
  await expect(page.getByTestId("current-account")).toHaveText("Loja Aurora");
  await expect(
    page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Divergências" }),
  ).toHaveCount(0);

  await page.goto("/suporte/divergencias");
  await expect(page.getByRole("heading", { name: "Área restrita" })).toBeVisible();
  await expect(page.getByText("Área restrita à equipe de suporte do Fluxo.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Filtrar divergências" })).toHaveCount(0);
  await expect(page.getByText("Nenhuma divergência em aberto")).toHaveCount(0);
});
