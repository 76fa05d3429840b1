import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, signIn, USERS } from "./helpers";

test("a manager opens the dashboard, clicks an age bucket, lands on the filtered board and exports it", async ({
  page,
}) => {
  await signIn(page, USERS.managerA);
  await page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Painel" }).click();
  await expect(page.getByRole("heading", { name: "Onde os pedidos esperam" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pedidos por status e canal" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const bucket = page.getByRole("link", { name: /Sem nota fiscal há mais de 24 h/ });
  const shown = Number((await bucket.locator("span").first().textContent())?.trim());
  expect(shown).toBeGreaterThan(0);
  await bucket.click();

  await expect(page).toHaveURL(/status=APPROVED/);
  await expect(page).toHaveURL(/paradoHa=24/);
  await expect(page.getByText("No status atual há mais de 24 h")).toBeVisible();
  await expect(
    page.getByRole("button", { name: new RegExp(`^Aguardando nota fiscal: ${shown} pedidos`) }),
  ).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Exportar CSV" }).click();
  const file = await (await download).path();
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").trim().split("\r\n");
  expect(lines[0]).toContain("Pedido;Canal;Modo de entrega;Data do pedido;Status");
  expect(lines).toHaveLength(shown + 1);
  expect(lines.slice(1).every((l) => l.includes("Pagamento confirmado — aguardando nota fiscal"))).toBe(true);
});

test.describe("no celular", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the dashboard and an order page fit a phone's width: wide tables scroll inside their box", async ({ page }) => {
    await signIn(page, USERS.managerA);
    await page.goto("/painel");
    await expect(page.getByRole("heading", { name: "Sincronização por canal" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.goto("/pedidos");
    await page.locator("tbody tr").first().getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Histórico" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
