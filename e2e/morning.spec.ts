import { expect, type Page, test } from "@playwright/test";
import { correiosCode, freshAccessKey } from "./data";
import { expectNoSeriousA11yViolations, signIn, USERS } from "./helpers";

// Issue 16, "Done when": a seller's morning on the board, at a desk and on a phone.
const VIEWPORTS = [
  { device: "computador", viewport: { width: 1280, height: 800 } },
  { device: "celular", viewport: { width: 390, height: 844 } },
] as const;

/** The count a deadline shortcut carries, from its accessible name ("Atrasados: 12 pedidos"). */
async function shortcutCount(page: Page, label: "Atrasados" | "Vencem hoje"): Promise<number> {
  const button = page.getByRole("button", { name: new RegExp(`^${label}: [\\d.]+ pedidos?$`) });
  const name = (await button.getAttribute("aria-label")) ?? "";
  return Number(name.replace(/\D/g, ""));
}

async function expectNoSidewaysScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

for (const { device, viewport } of VIEWPORTS) {
  test.describe(`a seller's morning (${device})`, () => {
    test.use({ viewport });
    // Four accessibility scans and a server round trip per step: more than the default minute on a loaded machine.
    test.slow();

    test("sees what is late and due today, acts on the first late order from its row, and the count moves", async ({
      page,
    }) => {
      await signIn(page, USERS.sellerA);
      const late = page.getByRole("button", { name: /^Atrasados: / });
      await expect(late).toBeVisible();
      await expect(page.getByRole("button", { name: /^Vencem hoje: [\d.]+ pedidos?$/ })).toBeVisible();
      const lateBefore = await shortcutCount(page, "Atrasados");
      expect(lateBefore).toBeGreaterThan(0);
      await expectNoSidewaysScroll(page, viewport.width);
      await expectNoSeriousA11yViolations(page);

      await late.click();
      await expect(page).toHaveURL(/prazo=atrasados/);
      await expect(late).toHaveAttribute("aria-pressed", "true");
      if (device === "celular") {
        // The cards are the list; the desk's table is not shown, and the filters wait behind one control.
        await expect(page.getByRole("list", { name: "Pedidos filtrados" }).getByRole("listitem").first()).toBeVisible();
        await expect(page.getByRole("table")).toBeHidden();
        await expect(page.getByRole("combobox", { name: "Status" })).toBeHidden();
        await page.getByRole("button", { name: /^Filtros/ }).click();
        await expect(page.getByRole("combobox", { name: "Status" })).toBeVisible();
        await expectNoSidewaysScroll(page, viewport.width);
        await expectNoSeriousA11yViolations(page);
        await page.getByRole("button", { name: /^Filtros/ }).click();
      } else {
        await page.getByLabel("Ordenar por").selectOption({ label: "Prazo mais próximo primeiro" });
        await expect(page).toHaveURL(/ordem=prazo/);
        await expect(page.locator("tbody tr").first()).toContainText("Atrasado:");
      }

      // The first late order whose next step can be taken from its row: invoice by key, or ship (Mercado Livre's
      // invoice needs the XML, on the order page; an order out of stock goes back to stock there first).
      const act = page.getByRole("button", { name: /^(Faturar|Informar envio): pedido / }).first();
      const [step, code] = ((await act.getAttribute("aria-label")) ?? "").split(": pedido ");
      expect(code).toBeTruthy();
      await act.click();
      const dialog =
        step === "Faturar"
          ? page.getByRole("dialog", { name: `Faturar o pedido ${code}` })
          : page.getByRole("dialog", { name: `Informar o envio do pedido ${code}` });
      if (step === "Faturar") {
        await dialog.getByLabel("Chave de acesso da NF-e (44 caracteres)").fill(freshAccessKey());
        await expect(dialog.getByRole("list", { name: "Verificações da chave" })).toBeVisible();
      } else {
        const tracking = correiosCode(String(Date.now()).slice(-8));
        await dialog.getByLabel("Código de rastreio").fill(tracking);
        await dialog.getByLabel("Forma de envio").fill("PAC");
        // Mercado Livre takes a code only with its tracking link; the form asks for it only there.
        const link = dialog.getByLabel("Link de rastreio", { exact: true });
        if ((await link.count()) > 0)
          await link.fill(`https://rastreamento.correios.com.br/app/index.php?objeto=${tracking}`);
      }
      await expectNoSeriousA11yViolations(page);
      await dialog
        .getByRole("button", { name: step === "Faturar" ? "Confirmar nota fiscal" : "Confirmar envio" })
        .click();

      await expect(dialog).toBeHidden();
      const sent = page.getByRole("status").filter({ hasText: `pedido ${code}.` });
      // What went to whom: "Nota enviada à Americanas", "Nota e rastreio enviados à Amazon", "Rastreio enviado ao …".
      await expect(sent).toContainText(
        /(Nota enviada|Nota registrada; vai|Nota e rastreio enviados|Rastreio enviado) (à|ao) [\w ]+ — pedido/,
      );
      await expect(page.getByRole("link", { name: code, exact: true })).toHaveCount(0);
      await expect.poll(() => shortcutCount(page, "Atrasados")).toBe(lateBefore - 1);
      await expectNoSidewaysScroll(page, viewport.width);
      await expectNoSeriousA11yViolations(page);
    });
  });
}
