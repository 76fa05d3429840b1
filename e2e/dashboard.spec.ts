import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
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

test("the dashboard leads with revenue per channel, and a channel's revenue opens exactly the orders it adds up", async ({
  page,
}) => {
  await signIn(page, USERS.managerA);
  await page.goto("/painel");
  await expect(
    page.getByRole("heading", { name: /^Vendas de \d{2}\/\d{2}\/\d{4} a \d{2}\/\d{2}\/\d{4}$/ }),
  ).toBeVisible();
  await expect(
    page.getByText("Receita é a soma dos totais dos pedidos feitos no período, sem os cancelados."),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Prazos e tempos" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Pedidos por dia" }).getByRole("link").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const channel = page.getByRole("link", { name: /^Mercado Livre R\$ [\d.]+,\d{2} \(\d+ pedidos?\)$/ });
  const shown = Number(/\((\d+) pedidos?\)/.exec((await channel.textContent()) ?? "")?.[1]);
  expect(shown).toBeGreaterThan(0);
  await channel.click();

  await expect(page).toHaveURL(/canal=mercado_livre/);
  await expect(page).toHaveURL(/semCancelados=1/);
  await expect(page.getByText("Sem os cancelados")).toBeVisible();
  await expect(page.getByRole("button", { name: new RegExp(`^Todos: ${shown} pedidos?$`) })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Cancelado: 0 pedidos$/ })).toBeVisible();
});

/** Pairs of visible text boxes on the page that cover each other: overlapping labels. */
async function overlappingTexts(page: Page) {
  return page.evaluate(() => {
    // Screen-reader-only text is clipped away (Tailwind's sr-only): nothing to see, nothing to overlap.
    const clipped = (element: Element | null): boolean => {
      for (let e = element; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.clipPath !== "none" || (style.clip !== "auto" && style.clip !== "")) return true;
      }
      return false;
    };
    const boxes: { text: string; r: DOMRect }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (!text || clipped(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) boxes.push({ text, r });
    }
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]?.r;
        const b = boxes[j]?.r;
        if (!a || !b) continue;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) overlaps.push(`${boxes[i]?.text} × ${boxes[j]?.text}`);
      }
    }
    return overlaps;
  });
}

test.describe("no celular", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the dashboard and an order page fit a phone's width, no label over another; wide tables scroll inside their box", async ({
    page,
  }) => {
    // Two pages, an axe scan and every text box of the dashboard compared pairwise: past a minute beside other builds.
    test.slow();
    await signIn(page, USERS.managerA);
    await page.goto("/painel");
    await expect(page.getByRole("heading", { name: "Sincronização por canal" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /^Vendas de / })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Prazos e tempos" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await overlappingTexts(page)).toEqual([]);
    await expectNoSeriousA11yViolations(page);

    await page.goto("/pedidos");
    // On a phone the board is a list of cards, each opening with its order code.
    await page
      .getByRole("list", { name: "Pedidos filtrados" })
      .getByRole("listitem")
      .first()
      .getByRole("link")
      .first()
      .click();
    await expect(page.getByRole("heading", { name: "Histórico" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
