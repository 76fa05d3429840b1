import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, signIn, USERS } from "./helpers";

const VIEWPORTS = [
  { device: "computador", viewport: { width: 1280, height: 800 } },
  { device: "celular", viewport: { width: 390, height: 844 } },
] as const;

for (const { device, viewport } of VIEWPORTS) {
  test.describe(`no ${device}`, () => {
    test.use({ viewport });

    test("a seller sees how each marketplace is connected, tests Americanas, Magalu and Amazon, and connects Mercado Livre again", async ({
      page,
    }) => {
      await signIn(page, USERS.sellerA);
      await page.getByRole("link", { name: "Conexões" }).click();
      await expect(page.getByRole("heading", { name: "Conexões com marketplaces" })).toBeVisible();

      const americanas = page.getByRole("region", { name: "Americanas" });
      await expect(americanas).toContainText("API Americanas Marketplace (SkyHub)");
      // Whose keys are stored, never the keys.
      await expect(americanas).toContainText(/@sandbox\.skyhub\.local · chave terminada em \w{4}/);
      await americanas.getByRole("button", { name: "Testar conexão" }).click();
      await expect(americanas.getByRole("status")).toHaveText(
        "Conexão funcionando: o marketplace respondeu com estas credenciais.",
      );
      await expect(page.getByRole("region", { name: "Zoom" })).toContainText(
        "Integração direta com a Zoom ainda não disponível",
      );
      const magalu = page.getByRole("region", { name: "Magalu" });
      await expect(magalu).toContainText("Empresa autorizada pelo ID Magalu");
      await expect(magalu.getByRole("link", { name: "Conectar de novo com a Magalu" })).toBeVisible();
      await magalu.getByRole("button", { name: "Testar conexão" }).click();
      await expect(magalu.getByRole("status")).toHaveText(
        "Conexão funcionando: o marketplace respondeu com estas credenciais.",
      );

      // Amazon: the seller's own app and refresh token, tested through Login with Amazon and SP-API.
      const amazon = page.getByRole("region", { name: "Amazon" });
      await expect(amazon).toContainText("Selling Partner API da Amazon");
      await expect(amazon).toContainText(/App .+ · refresh token terminado em \w{4}/);
      await amazon.getByRole("button", { name: "Testar conexão" }).click();
      await expect(amazon.getByRole("status")).toHaveText(
        "Conexão funcionando: o marketplace respondeu com estas credenciais.",
      );
      await amazon.getByRole("button", { name: "Trocar chaves" }).click();
      await expect(amazon.getByLabel("Client ID do app (LWA)")).toBeVisible();
      await expect(amazon.getByLabel("Refresh token")).toHaveAttribute("type", "password");
      await amazon.getByRole("button", { name: "Cancelar" }).click();

      // The marketplace's own authorization page, then back to the account's connections.
      const mercadoLivre = page.getByRole("region", { name: "Mercado Livre" });
      await expect(mercadoLivre).toContainText("do Mercado Livre");
      await mercadoLivre.getByRole("link", { name: "Conectar de novo com o Mercado Livre" }).click();
      await page
        .getByRole("listitem")
        .filter({ hasText: "06929383000163" })
        .getByRole("button", { name: "Autorizar" })
        .click();
      await expect(page).toHaveURL(/\/conexoes\?resultado=/);
      await expect(page.getByRole("status").first()).toHaveText(
        "Mercado Livre conectado: os pedidos desta conta passam a chegar pela API do Mercado Livre.",
      );
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(viewport.width);
      await expectNoSeriousA11yViolations(page);
    });
  });
}
