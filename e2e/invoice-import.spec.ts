import { expect, test } from "@playwright/test";
import { formatBrl } from "../server/domain/money";
import { buildNfe, type NfeShape } from "../tests/fixtures/nfe-builder";
import { freshAccessKey, noteFitting, orderStatus, takeOrder } from "./data";
import { expectNoSeriousA11yViolations, signIn, USERS } from "./helpers";

test("a seller drops five NF-e XMLs, fixes the ambiguous one, leaves, comes back through 'Envios anteriores', confirms and sees five invoiced orders", async ({
  page,
}) => {
  // Upload, leave, come back, confirm, read the results twice and open six orders: a minute is not enough on a busy machine.
  test.setTimeout(150_000);
  const orders = [1, 2, 3, 4, 5, 6].map(() =>
    takeOrder("status = 'APPROVED' and cancellation_requested_at is null and handled_manually_at is null"),
  );
  const code = (i: number) => String(orders[i]?.marketplace_code);
  const today = new Date(Date.now() - 3 * 3600_000).toISOString().slice(0, 10);
  // Each note repeats its order's buyer and total: a note that differs waits for the seller (next test).
  const note = (i: number, refs: { purchaseOrder?: string; additionalInfo?: string }) => ({
    name: `nota-${i + 1}.xml`,
    mimeType: "application/xml",
    buffer: buildNfe({
      key: freshAccessKey(),
      number: 7001 + i,
      issuedAt: `${today}T10:00:00-03:00`,
      ...noteFitting(Number(orders[i]?.id)),
      ...refs,
    }),
  });
  const files = [0, 1, 2, 3].map((i) => note(i, { purchaseOrder: code(i) }));
  // The fifth note cites two orders: only the seller knows which one it invoices.
  files.push(note(4, { additionalInfo: `Ref. pedidos ${code(4)} e ${code(5)}` }));

  await signIn(page, USERS.sellerA);
  await page.getByRole("link", { name: "Faturar com vários XMLs" }).click();
  await page.getByLabel("Escolher XMLs ou .zip").setInputFiles(files);

  await expect(page.getByLabel("Resumo do envio")).toContainText("Prontos para faturar4");
  await expect(page.getByLabel("Resumo do envio")).toContainText("Ambígua1");
  const ambiguous = page.getByRole("row", { name: /nota-5\.xml/ });
  await expect(ambiguous).toContainText("A nota cita mais de um pedido");
  await ambiguous.getByRole("combobox", { name: "Pedido para a NF-e 7005" }).selectOption(String(orders[4]?.id));
  // Choosing is explicit, so moving through the list with the keyboard changes nothing.
  await expect(ambiguous).toContainText("Ambígua");
  await ambiguous.getByRole("button", { name: "Usar" }).first().click();
  await expect(ambiguous).toContainText("Pedido escolhido por você.");
  await expect(page.getByLabel("Resumo do envio")).toContainText("Prontos para faturar5");

  // The preview changed nothing.
  expect(orders.map((o) => orderStatus(o.id))).toEqual(orders.map(() => "APPROVED"));
  const envio = new URL(page.url()).searchParams.get("envio");

  // The seller leaves for the board and comes back later: the upload waits where it was left.
  await page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Pedidos" }).click();
  await expect(page.getByRole("heading", { name: "Pedidos", level: 1 })).toBeVisible();
  await page.goto("/pedidos/importar-notas");
  const recent = page.getByRole("region", { name: "Envios anteriores" });
  const left = recent.getByRole("listitem").filter({ has: page.locator(`a[href$="envio=${envio}"]`) });
  await expect(left).toContainText("5 notas, 0 faturadas. Não confirmado");
  await left.getByRole("link", { name: /^Continuar o envio de / }).click();
  await expect(page.getByRole("status").filter({ hasText: "Envio de" })).toContainText("Não confirmado");
  await expect(page.getByLabel("Resumo do envio")).toContainText("Prontos para faturar5");
  await expect(page.getByRole("row", { name: /nota-5\.xml/ })).toContainText("Pedido escolhido por você.");
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Faturar 5 pedidos" }).click();
  await expect(page.getByLabel("Resumo do envio")).toContainText("Faturados5");
  await expect(page.getByText("✓ Pedido faturado.")).toHaveCount(5);
  await expect(page.getByRole("link", { name: "Baixar o resultado (CSV)" })).toBeVisible();
  // Confirmed with nothing left to decide: results only, no more files or choices.
  await expect(page.getByRole("status").filter({ hasText: "Envio de" })).toContainText(
    /Confirmado em .*comece um novo envio/,
  );
  await expect(page.getByLabel("Escolher XMLs ou .zip")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Descartar|Manter|Usar)/ })).toHaveCount(0);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Baixar o resultado (CSV)" }).click();
  const csv = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of csv) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  expect(text.split("\r\n").filter((l) => l.includes("Pedido faturado."))).toHaveLength(5);

  await page.getByRole("button", { name: "Começar outro envio" }).click();
  const done = recent.getByRole("listitem").filter({ has: page.locator(`a[href$="envio=${envio}"]`) });
  await expect(done).toContainText("5 notas, 5 faturadas. Confirmado em");
  await done.getByRole("link", { name: /^Ver o resultado do envio de / }).click();
  await expect(page.getByText("✓ Pedido faturado.")).toHaveCount(5);
  await expect(page.getByLabel("Escolher XMLs ou .zip")).toHaveCount(0);

  for (const i of [0, 1, 2, 3, 4]) {
    await page.goto(`/pedidos/${orders[i]?.id}`);
    await expect(page.locator("h1 + span", { hasText: "Nota fiscal emitida" })).toBeVisible();
  }
  await page.goto(`/pedidos/${orders[5]?.id}`);
  await expect(page.locator("h1 + span", { hasText: "aguardando nota fiscal" })).toBeVisible();
});

const VIEWPORTS = [
  { device: "computador", viewport: { width: 1280, height: 800 } },
  { device: "celular", viewport: { width: 390, height: 844 } },
];

for (const { device, viewport } of VIEWPORTS) {
  test.describe(`no ${device}`, () => {
    test.use({ viewport });

    test("a note whose total differs from its order is invoiced only after the seller confirms that row", async ({
      page,
    }) => {
      const orders = [1, 2, 3].map(() =>
        // Left to the order-flow tests: the few Americanas orders a seller dispatches by Correios in the demo.
        takeOrder(
          "status = 'APPROVED' and cancellation_requested_at is null and handled_manually_at is null and channel <> 'americanas'",
        ),
      );
      const fitting = orders.map((o) => noteFitting(o.id));
      const today = new Date(Date.now() - 3 * 3600_000).toISOString().slice(0, 10);
      const note = (i: number, shape: Partial<NfeShape>) => ({
        name: `nota-${i + 1}.xml`,
        mimeType: "application/xml",
        buffer: buildNfe({
          key: freshAccessKey(),
          number: 7101 + i,
          issuedAt: `${today}T10:00:00-03:00`,
          purchaseOrder: orders[i]?.marketplace_code,
          ...fitting[i],
          ...shape,
        }),
      });
      // The third note is for R$ 12,34: a typo, or another sale's note carrying this order's number.
      const files = [note(0, {}), note(1, {}), note(2, { totalCents: 1_234 })];

      await signIn(page, USERS.sellerA);
      await page.getByRole("link", { name: "Faturar com vários XMLs" }).click();
      await page.getByLabel("Escolher XMLs ou .zip").setInputFiles(files);

      const summary = page.getByLabel("Resumo do envio");
      await expect(summary).toContainText("Prontos para faturar2");
      await expect(summary).toContainText("Com diferença — confirme1");
      const differing = page.getByRole("row", { name: /nota-3\.xml/ });
      const sideBySide = differing.getByRole("table", { name: /NF-e 7103 e pedido .* lado a lado/ });
      await expect(sideBySide.getByRole("row", { name: /Valor total/ })).toContainText(
        `${formatBrl(fitting[2]?.totalCents ?? 0)}R$ 12,34`,
      );

      await page.getByRole("button", { name: "Faturar 2 pedidos" }).click();
      await expect(summary).toContainText("Faturados2");
      await expect(summary).toContainText("Com diferença — confirme1");
      expect(orders.map((o) => orderStatus(o.id))).toEqual(["INVOICED", "INVOICED", "APPROVED"]);

      await expectNoSeriousA11yViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      const confirm = differing.getByRole("button", { name: /^Confirmar a diferença da NF-e 7103 com o pedido/ });
      await confirm.click();
      await expect(differing).toContainText("Diferença confirmada por você");
      await expect(confirm).toHaveCount(0);
      await expect(summary).toContainText("Prontos para faturar1");
      await page.getByRole("button", { name: "Faturar 1 pedido" }).click();
      await expect(summary).toContainText("Faturados3");
      await expect(differing).toContainText("✓ Pedido faturado. Diferença com o pedido confirmada por você.");
      expect(orderStatus(orders[2]?.id ?? 0)).toBe("INVOICED");
    });
  });
}

test("a manager who opens the bulk invoice page is told only the seller invoices, and sees no upload", async ({
  page,
}) => {
  await signIn(page, USERS.managerA);
  await expect(page.getByRole("link", { name: "Faturar com vários XMLs" })).toHaveCount(0);
  await page.goto("/pedidos/importar-notas");
  await expect(
    page.getByRole("status").filter({ hasText: "Só o vendedor da conta pode alterar pedidos" }),
  ).toBeVisible();
  await expect(page.getByLabel("Escolher XMLs ou .zip")).toHaveCount(0);
});
