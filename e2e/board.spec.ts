import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, signIn, USERS } from "./helpers";

test("a seller signs in, opens a status tab, finds an order by its code, opens it and signs out", async ({ page }) => {
  await signIn(page, USERS.sellerA);
  await expect(page.getByTestId("current-account")).toHaveText("Loja Aurora");

  await page.getByRole("button", { name: /^Enviado: \d+ pedidos/ }).click();
  await expect(page).toHaveURL(/status=SHIPPED/);
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toContainText("Enviado");
  await expect(page.getByRole("button", { name: /^Enviado/ })).toHaveAttribute("aria-current", "page");

  const code = (await rows.first().getByRole("link").first().textContent())?.trim() ?? "";
  expect(code).not.toBe("");

  await page.getByRole("button", { name: /^Todos/ }).click();
  await page.getByRole("searchbox").fill(code);
  await page.getByRole("button", { name: "Buscar", exact: true }).click();
  await expect(page).toHaveURL(/busca=/);
  await expect(rows).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);

  await rows.first().getByRole("link", { name: code }).click();
  await expect(page.getByRole("heading", { name: `Pedido ${code}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Itens" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Histórico" })).toBeVisible();
  await expect(page.getByText("Pedido recebido do marketplace")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A shared link reproduces the same filtered view.
  await page.goBack();
  await expect(rows).toHaveCount(1);

  await page.getByRole("button", { name: "Sair" }).click();
  await expect(page).toHaveURL(/\/entrar/);
  await page.goto("/pedidos");
  await expect(page).toHaveURL(/\/entrar/);
});

test("a seller finds an order by the customer's name as typed and by its number without the marketplace's letters", async ({
  page,
}) => {
  await signIn(page, USERS.sellerA);
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const newest = rows.first();
  const code = (await newest.getByRole("link").first().textContent())?.trim() ?? "";
  const name = (await newest.locator("td").nth(2).locator("div").first().textContent())?.trim() ?? "";
  expect(name).not.toBe("");
  const lettered = (await rows.getByRole("link").allTextContents())
    .map((c) => c.trim())
    .find((c) => /^[A-Z]+-\d+$/.test(c));
  if (!lettered) throw new Error("no order code with the marketplace's letters on the first page");

  // Lower case, without accents, the last name cut short: as a seller types it.
  const plain = (text: string) =>
    text
      .normalize("NFD")
      .replace(/\p{Diacritic}/gu, "")
      .toLowerCase();
  const words = plain(name).split(/\s+/);
  const first = words[0] ?? "";
  await page.getByRole("searchbox").fill(`${first} ${(words.at(-1) ?? "").slice(0, 3)}`);
  await page.getByRole("button", { name: "Buscar", exact: true }).click();
  await expect(page).toHaveURL(/busca=/);
  const names = rows.locator("td:nth-child(3) > div:first-child");
  await expect.poll(async () => (await names.allTextContents()).every((n) => plain(n).includes(first))).toBe(true);
  // The newest order of that name leads the list.
  await expect(rows.first().getByRole("link").first()).toHaveText(code);

  // An order number as the customer quotes it, without "LAM-" or "MGZ-".
  await page.getByRole("searchbox").fill(lettered.replace(/^[A-Z]+-/, ""));
  await page.getByRole("button", { name: "Buscar", exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole("link").first()).toHaveText(lettered);
});

test("a manager cannot open another account's order by URL", async ({ browser }) => {
  const sellerB = await browser.newPage();
  await signIn(sellerB, USERS.sellerB);
  await sellerB.locator("tbody tr").first().getByRole("link").first().click();
  await expect(sellerB).toHaveURL(/\/pedidos\/\d+$/);
  const foreignUrl = new URL(sellerB.url()).pathname;
  await sellerB.close();

  const manager = await browser.newPage();
  await signIn(manager, USERS.managerA);
  await manager.goto(foreignUrl);
  await expect(manager.getByRole("heading", { name: "Pedido não encontrado" })).toBeVisible();
  await expect(manager.getByText("Aurora")).toBeVisible();
  await expect(manager.getByRole("heading", { name: "Itens" })).toHaveCount(0);
  await manager.close();
});

test("wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/entrar");
  await page.getByLabel("E-mail").fill(USERS.sellerA);
  await page.getByLabel("Senha").fill("nao-e-a-senha");
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByText(/E-mail ou senha incorretos/)).toHaveAttribute("role", "alert");
});

test("support switches between seller accounts", async ({ page }) => {
  await signIn(page, USERS.support);
  const select = page.getByLabel("Conta");
  await expect(select).toBeVisible();
  const casaVerde = await select.locator("option", { hasText: "Casa Verde" }).getAttribute("value");
  await select.selectOption(casaVerde ?? "");
  await expect(select.locator("option:checked")).toHaveText(/Casa Verde/);
  await page.locator("tbody tr").first().getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /^Pedido / })).toBeVisible();
});

test("a link with a reversed period says what is wrong; an address that is no page says so in Portuguese", async ({
  page,
}) => {
  await signIn(page, USERS.sellerA);
  await page.goto("/pedidos?de=2026-11-25&ate=2026-11-10");
  await expect(
    page.getByText("A data inicial deve ser anterior ou igual à data final.", { exact: true }),
  ).toBeVisible();
  await expect(page.getByText('"code"')).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Todos/ })).toContainText("–");
  await expect(page.getByText("Nenhum pedido encontrado")).toHaveCount(0);

  await page.goto("/pedidos/abc");
  await expect(page.getByRole("heading", { name: "Página não encontrada" })).toBeVisible();
  await page.getByRole("link", { name: "Voltar aos pedidos" }).click();
  await expect(page).toHaveURL(/\/pedidos$/);
});
