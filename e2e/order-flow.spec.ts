import { expect, type Page, type Route, test } from "@playwright/test";
import { correiosCode, freshAccessKey, takeOrder } from "./data";
import { expectNoSeriousA11yViolations, signIn, USERS } from "./helpers";

const FIXTURES = new URL("../tests/fixtures/nfe/", import.meta.url);

async function openFromBoard(page: Page, code: string) {
  await page.goto("/pedidos");
  await page.getByRole("searchbox").fill(code);
  await page.getByRole("button", { name: "Buscar", exact: true }).click();
  await expect(page).toHaveURL(/busca=/);
  await page.locator("tbody tr").first().getByRole("link", { name: code, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Pedido ${code}` })).toBeVisible();
}

/** Today in São Paulo as the seller types it. */
const today = () => new Intl.DateTimeFormat("pt-BR", { timeZone: "America/Sao_Paulo" }).format(new Date());

async function fillKey(page: Page, key: string) {
  await page.getByLabel(/Chave de acesso da NF-e/).fill(key.replace(/(.{4})/g, "$1 "));
}

async function ship(page: Page, code: string) {
  await page.getByLabel("Transportadora", { exact: true }).selectOption("correios");
  await page.getByLabel("Código de rastreio").fill(code);
  await page.getByLabel("Forma de envio").fill("SEDEX");
  await page.getByRole("button", { name: "Confirmar envio" }).click();
}

test("a seller invoices an Americanas order by key, ships it with Correios and marks it delivered", async ({
  page,
}) => {
  // Three axe scans and the worker's round trips to the sandbox, on a shared two-core machine.
  test.slow();
  const order = takeOrder("channel = 'americanas' and logistics_mode = 'correios' and status = 'APPROVED'");
  await signIn(page, USERS.sellerA);
  await openFromBoard(page, order.marketplace_code);
  await expect(page).toHaveTitle(`Pedido ${order.marketplace_code} · Fluxo`);
  await expect(page.getByTestId("next-step")).toHaveText("Próximo passo: Informe a nota fiscal");
  // Said once, where the seller acts, not inside every form.
  await expect(page.getByText(/Alterar um pedido direto no painel do marketplace/)).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);

  const key = freshAccessKey();
  await fillKey(page, key);
  await expect(page.getByText("O CNPJ da chave é o da sua conta.")).toBeVisible();
  await expect(page.getByText(/Rio Grande do Sul/).first()).toBeVisible();
  await page.getByRole("button", { name: "Confirmar nota fiscal" }).click();
  await expect(page.getByTestId("action-done")).toHaveText("Nota enviada à Americanas.");
  await expect(page.getByTestId("next-step")).toHaveText("Próximo passo: Informe o envio (rastreio)");
  await expect(page.getByTestId("replication-invoice")).toHaveText(/Pendente|Enviada|Confirmada/);

  // A wrong S10 check digit is refused next to the field; nothing changes.
  const good = correiosCode();
  const bad = `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}BR`;
  await ship(page, bad);
  await expect(page.getByText(/dígito verificador/)).toBeVisible();
  await expect(page.getByTestId("next-step")).toHaveText("Próximo passo: Informe o envio (rastreio)");

  await page.getByLabel("Código de rastreio").fill(good);
  await page.getByRole("button", { name: "Confirmar envio" }).click();
  await expect(page.getByTestId("next-step")).toHaveText(/Marque como entregue/);
  await expect(page.getByTestId("replication-shipment")).toHaveText(/Pendente|Enviada|Confirmada/);

  await page.getByRole("button", { name: "Marcar como entregue" }).click();
  const dialog = page.getByRole("dialog", { name: "Marcar como entregue" });
  await expect(dialog.getByText(/Alterar um pedido direto no painel/)).toHaveCount(0);
  // The day is typed as dd/mm/aaaa whatever the browser's language, and the server refuses a future one.
  const deliveredOn = dialog.getByLabel("Data da entrega");
  await expect(deliveredOn).toHaveValue(today());
  await expectNoSeriousA11yViolations(page);
  await deliveredOn.fill("");
  await deliveredOn.pressSequentially("31122099");
  await expect(deliveredOn).toHaveValue("31/12/2099");
  await dialog.getByRole("button", { name: "Confirmar" }).click();
  await expect(dialog.getByText("A data de entrega não pode ser futura.")).toBeVisible();
  await deliveredOn.fill(today());
  await dialog.getByRole("button", { name: "Confirmar" }).click();
  await expect(page.locator("h1 + span", { hasText: "Entregue" })).toBeVisible();
  await expect(page.getByTestId("action-done")).toHaveText("Entrega informada à Americanas.");
  // Delivered: no form is left on the page.
  await expect(page.getByRole("region", { name: "Atualizar o pedido" })).toHaveCount(0);
  // The worker delivers every update to the marketplace sandbox, which confirms each one.
  await expect(page.getByTestId("replication-delivered")).toHaveText(/Confirmada pelo marketplace/);
  await expect(page.getByTestId("replication-invoice")).toHaveText(/Confirmada pelo marketplace/);
  await expect(page.getByTestId("replication-shipment")).toHaveText(/Confirmada pelo marketplace/);
  await expect(page.getByTestId("replication-delivered-moments")).toHaveText(
    /^registrada em .+ · enviada em .+ · confirmada em .+$/,
  );
  await expectNoSeriousA11yViolations(page);
  const history = page.getByRole("region", { name: "Histórico" });
  await expect(history.getByText(/Nota fiscal informada pela chave de acesso/)).toBeVisible();
  await expect(history.getByText(`Envio informado: Correios · SEDEX · rastreio ${good}`)).toBeVisible();
  await expect(history.getByText(/Entregue ao cliente em/)).toBeVisible();
});

test("a Mercado Livre order is refused by key and accepted by XML upload", async ({ page }) => {
  // A refusal, an XML read and an acceptance, each a server round trip under the shared machine's load.
  test.slow();
  // The demo order that matches the real authorised NF-e fixture (same emitter, recipient and total).
  const order = takeOrder("channel = 'mercado_livre' and customer_document = '58716523000119' and status = 'APPROVED'");
  await signIn(page, USERS.sellerA);
  await openFromBoard(page, order.marketplace_code);
  await expect(
    page.getByText("Mercado Livre exige o arquivo XML da NF-e: a chave de acesso sozinha não é aceita."),
  ).toBeVisible();

  await page.getByRole("button", { name: "Chave de acesso", exact: true }).click();
  await fillKey(page, "43180906929383000163550010000000261000010301");
  await page.getByRole("button", { name: "Confirmar nota fiscal" }).click();
  await expect(page.getByText(/Mercado Livre exige o arquivo XML da NF-e: envie o XML/).first()).toBeVisible();
  await expect(page.getByTestId("next-step")).toHaveText("Próximo passo: Informe a nota fiscal");

  await page.getByRole("button", { name: "Arquivo XML" }).click();
  await page.getByLabel("Arquivo XML da NF-e").setInputFiles(new URL("authorized-homologation.xml", FIXTURES).pathname);
  await expect(page.getByText("Lido do arquivo authorized-homologation.xml:")).toBeVisible();
  await expect(page.getByText("R$ 500,00").first()).toBeVisible();
  await expect(page.getByText(/06\.929\.383\/0001-63/).first()).toBeVisible();
  await page.getByRole("button", { name: "Confirmar nota fiscal" }).click();
  await expect(page.getByTestId("action-done")).toHaveText("Nota enviada ao Mercado Livre.");
  await expect(page.getByTestId("invoice-key")).toHaveText("4318 0906 9293 8300 0163 5500 1000 0000 2610 0001 0301");
  await expect(page.getByRole("link", { name: /Baixar XML/ })).toBeVisible();
});

test("a Zoom order shows its invoice held until the tracking is entered", async ({ page }) => {
  // An axe scan and the worker's round trips to the sandbox.
  test.slow();
  const order = takeOrder("channel = 'zoom' and logistics_mode = 'own_carrier' and status = 'APPROVED'");
  await signIn(page, USERS.sellerA);
  await openFromBoard(page, order.marketplace_code);
  await fillKey(page, freshAccessKey());
  await page.getByRole("button", { name: "Confirmar nota fiscal" }).click();
  await expect(page.getByTestId("action-done")).toHaveText("Nota registrada; vai à Zoom junto com o envio.");
  // One notice for the fact, however many places could say it (the history keeps its own record of it).
  await expect(page.getByText("A chave será enviada à Zoom junto com os dados de envio.", { exact: true })).toHaveCount(
    1,
  );
  await expect(page.getByTestId("notice-held-invoice")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expect(page.getByTestId("replication-invoice")).toHaveText(/Retida/);

  await ship(page, correiosCode("12345678"));
  await expect(page.getByTestId("action-done")).toHaveText("Nota e rastreio enviados à Zoom.");
  await expect(page.getByTestId("next-step")).toHaveText(/Marque como entregue/);
  await expect(page.getByTestId("notice-held-invoice")).toHaveCount(0);
  await expect(page.getByTestId("replication-invoice")).toHaveText(/Confirmada pelo marketplace/);
  await expect(page.getByTestId("replication-shipment")).toHaveText(/Confirmada pelo marketplace/);
});

test("a stale form gets the conflict message and can reload", async ({ browser }) => {
  // Two browsers signed in side by side.
  test.slow();
  const order = takeOrder("channel = 'americanas' and status = 'APPROVED'");
  const first = await browser.newContext();
  const second = await browser.newContext();
  const pageA = await first.newPage();
  const pageB = await second.newPage();
  await signIn(pageA, USERS.sellerA);
  await signIn(pageB, USERS.sellerA);
  await openFromBoard(pageA, order.marketplace_code);
  await openFromBoard(pageB, order.marketplace_code);
  // The second page does not hear of the change yet (its reads are held back), so it keeps the invoice form it
  // loaded; on its own it would catch up at the next read and replace the form.
  const orderReads = /\/api\/trpc\/[^?]*orders\.get/;
  const heldReads: Route[] = [];
  await pageB.route(orderReads, (route) => {
    heldReads.push(route);
  });

  await pageA.getByRole("button", { name: "Marcar sem estoque" }).click();
  await pageA.getByRole("dialog").getByLabel("Motivo").fill("Fornecedor não entregou o lote");
  await pageA.getByRole("dialog").getByRole("button", { name: "Confirmar" }).click();
  await expect(pageA.locator("h1 + span", { hasText: "Temporariamente sem estoque" })).toBeVisible();

  // The second seller's page still shows the invoice form loaded before the change.
  await fillKey(pageB, freshAccessKey());
  await pageB.getByRole("button", { name: "Confirmar nota fiscal" }).click();
  await expect(pageB.getByText(/Este pedido mudou desde que você abriu o formulário/)).toBeVisible();
  await pageB.getByRole("button", { name: "Recarregar o pedido" }).click();
  await pageB.unroute(orderReads);
  // Reads the reload cancelled are gone from the browser; the one it started goes through now.
  for (const route of heldReads) await route.continue().catch(() => undefined);
  await expect(pageB.locator("h1 + span", { hasText: "Temporariamente sem estoque" })).toBeVisible();
  await first.close();
  await second.close();
});

test("a manager sees the order read-only", async ({ page }) => {
  const order = takeOrder("status = 'APPROVED'");
  await signIn(page, USERS.managerA);
  await openFromBoard(page, order.marketplace_code);
  await expect(
    page.getByText("Seu perfil permite consultar este pedido; só o vendedor da conta pode atualizá-lo."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirmar nota fiscal" })).toHaveCount(0);
  await expect(page.getByText(/Alterar um pedido direto no painel do marketplace/)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Conferir com o marketplace" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test.describe("no celular", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the order page with its forms and a dd/mm/aaaa day fits a phone's width", async ({ page }) => {
    // Any channel: the ship form is the same wherever the seller dispatches by Correios.
    const order = takeOrder("logistics_mode = 'correios' and status = 'INVOICED'");
    await signIn(page, USERS.sellerA);
    await page.goto(`/pedidos/${order.id}`);
    await expect(page.getByRole("heading", { name: `Pedido ${order.marketplace_code}` })).toBeVisible();
    await expect(page.getByLabel("Data de entrega à transportadora")).toHaveValue(today());
    await expect(page.getByLabel("Data de entrega à transportadora")).toHaveAttribute("inputmode", "numeric");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoSeriousA11yViolations(page);
  });
});
