import { expect, test } from "@playwright/test";
import { sandbox, signIn, USERS } from "./helpers";

const SELLER_CNPJ = "06929383000163";

test("a Carrefour order waits for the seller's acceptance, which reaches Mirakl; the connection is Mirakl's shop key", async ({
  page,
  request,
}) => {
  test.slow();
  await signIn(page, USERS.sellerA);
  const created = await sandbox(request).post("/admin/orders", {
    seller: SELLER_CNPJ,
    channel: "carrefour",
    logisticsMode: "correios",
  });
  expect(created.ok()).toBe(true);
  const { code } = (await created.json()) as { code: string };

  // Mirakl is polled once a minute per shop: the order arrives within the next run.
  const row = page.locator("tbody tr", { hasText: code });
  await expect(row).toBeVisible({ timeout: 120_000 });
  await expect(row).toContainText("Aguardando aceite do vendedor");
  await row.getByRole("link", { name: code }).click();
  await expect(page.getByRole("heading", { name: `Pedido ${code}` })).toBeVisible();
  await expect(page.getByText(/Aceite ou recuse até/)).toBeVisible();

  await page.getByRole("button", { name: "Aceitar pedido" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirmar" }).click();
  await expect(
    page.getByText("Aceite enviado ao Carrefour; o pedido segue para a confirmação do pagamento."),
  ).toBeVisible();
  await expect(page.getByTestId("replication-accept")).toHaveText(/Confirmada pelo marketplace/);

  // Mirakl's own view: the order went on to the payment.
  const view = await sandbox(request).get(`/api/orders?order_ids=${encodeURIComponent(code)}`);
  expect(view.status()).toBe(401);
  const mirakl = await request.get(`${new URL(view.url()).origin}/api/orders?order_ids=${encodeURIComponent(code)}`, {
    headers: { authorization: `mirakl-sandbox-${SELLER_CNPJ}`, connection: "close" },
  });
  const body = (await mirakl.json()) as { orders: { order_state: string }[] };
  expect(body.orders[0]?.order_state).toBe("WAITING_DEBIT_PAYMENT");

  await page.getByRole("link", { name: "Conexões" }).click();
  const carrefour = page.getByRole("region", { name: "Carrefour" });
  await expect(carrefour).toContainText("API Mirakl do Carrefour (chave da loja)");
  await expect(carrefour).toContainText(/Chave da loja terminada em \w{4} · NF-e enviada em campos do pedido/);
  await carrefour.getByRole("button", { name: "Testar conexão" }).click();
  await expect(carrefour.getByRole("status")).toHaveText(
    "Conexão funcionando: o marketplace respondeu com estas credenciais.",
  );
  await carrefour.getByRole("button", { name: "Trocar chaves" }).click();
  await expect(carrefour.getByLabel("Como o Carrefour recebe a NF-e")).toHaveValue("additional_fields");
});
