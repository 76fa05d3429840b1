import { expect, type Page, test } from "@playwright/test";
import { buildNfe } from "../tests/fixtures/nfe-builder";
import { freshAccessKey, takeOrder } from "./data";
import { expectNoSeriousA11yViolations, signIn, USERS } from "./helpers";

const PHONE = { width: 390, height: 844 };

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

const open = "cancellation_requested_at is null and handled_manually_at is null";

test.describe("no celular", () => {
  test.use({ viewport: PHONE });

  test("the NF-e import with a note's order choices fits 390 px", async ({ page }) => {
    const [first, second] = [
      takeOrder(`status = 'APPROVED' and ${open}`),
      takeOrder(`status = 'APPROVED' and ${open}`),
    ];
    await signIn(page, USERS.sellerA);
    await page.goto("/pedidos/importar-notas");
    await expect(page.getByRole("heading", { name: "Faturar com vários XMLs" })).toBeVisible();
    await expectNoSidewaysScroll(page);
    // A note citing two orders offers both, each described in full: the widest thing this page shows.
    const today = new Date(Date.now() - 3 * 3600_000).toISOString().slice(0, 10);
    await page.getByLabel("Escolher XMLs ou .zip").setInputFiles({
      name: "nota-com-um-nome-de-arquivo-bem-comprido-exportado-pelo-emissor-de-notas.xml",
      mimeType: "application/xml",
      buffer: buildNfe({
        key: freshAccessKey(),
        number: 7201,
        issuedAt: `${today}T10:00:00-03:00`,
        additionalInfo: `Ref. pedidos ${first.marketplace_code} e ${second.marketplace_code}`,
      }),
    });
    await expect(page.getByRole("combobox", { name: "Pedido para a NF-e 7201" })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectNoSeriousA11yViolations(page);
  });

  test("the tracking import with its results fits 390 px", async ({ page }) => {
    const order = takeOrder(`status = 'APPROVED' and ${open}`);
    await signIn(page, USERS.sellerA);
    await page.goto("/pedidos/importar-rastreio");
    await expect(page.getByRole("heading", { name: "Importar rastreios por planilha" })).toBeVisible();
    await expectNoSidewaysScroll(page);
    const csv = [
      "Pedido;Transportadora;Código de rastreio;Forma de envio;Data de postagem",
      `${order.marketplace_code};Transportadora Expressa do Sul e Sudeste Ltda;QB473124823BR;SEDEX;01/01/2020`,
    ].join("\r\n");
    await page
      .getByLabel("Planilha (.csv)")
      .setInputFiles({ name: "rastreios.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await expect(page.getByText(/^Conferência: 0 de 1 linha pronta para aplicar/)).toBeVisible();
    await expect(page.getByText("Planilha escolhida: rastreios.csv")).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectNoSeriousA11yViolations(page);
  });

  test("the picking list fits 390 px", async ({ page }) => {
    const orders = [takeOrder(`status = 'APPROVED' and ${open}`), takeOrder(`status = 'INVOICED' and ${open}`)];
    await signIn(page, USERS.sellerA);
    await page.goto(`/pedidos/separacao?pedidos=${orders.map((o) => o.id).join(",")}`);
    await expect(page.getByRole("heading", { name: "Lista de separação — 2 pedidos" })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectNoSeriousA11yViolations(page);
  });
});

test("the picking list prints without the app's header, navigation and buttons", async ({ page }) => {
  const order = takeOrder(`status = 'APPROVED' and ${open}`);
  await signIn(page, USERS.sellerA);
  await page.goto(`/pedidos/separacao?pedidos=${order.id}`);
  await expect(page).toHaveTitle("Lista de separação · Fluxo");
  const heading = page.getByRole("heading", { name: "Lista de separação — 1 pedido" });
  await expect(heading).toBeVisible();
  await expect(page.getByRole("button", { name: "Imprimir" })).toBeVisible();

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Principal" })).toBeHidden();
  await expect(page.getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Pular para o conteúdo" })).toHaveCount(0);
  await expect(heading).toBeVisible();
  await expect(page.getByText(order.marketplace_code)).toBeVisible();
});

test("a skip link is the first Tab stop and moves focus past the header; on the board a second one reaches the search", async ({
  page,
}) => {
  await signIn(page, USERS.sellerA);
  await page.goto("/pedidos/importar-notas");
  await expect(page).toHaveTitle("Importar notas · Fluxo");
  await expect(page.getByRole("heading", { name: "Faturar com vários XMLs" })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Pular para o conteúdo" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#conteudo")).toBeFocused();
  // The next stop is the page's own first link, not the header's.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "← Pedidos" })).toBeFocused();

  await page.goto("/pedidos");
  await expect(page).toHaveTitle("Pedidos · Fluxo");
  await page.keyboard.press("Tab");
  await expect(skip).toBeFocused();
  await page.keyboard.press("Tab");
  const toSearch = page.getByRole("link", { name: "Ir para a busca" });
  await expect(toSearch).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#busca")).toBeFocused();
});

test("a phone can add Fluxo to its home screen: the manifest and every icon it names load without signing in", async ({
  page,
  request,
}) => {
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const body = (await manifest.json()) as {
    name: string;
    start_url: string;
    display: string;
    icons: { src: string }[];
  };
  expect(body).toMatchObject({ name: "Fluxo", start_url: "/pedidos", display: "standalone" });
  expect(body.icons.length).toBeGreaterThanOrEqual(3);
  for (const src of [...body.icons.map((i) => i.src), "/apple-touch-icon.png"]) {
    const icon = await request.get(src);
    expect(`${src} ${icon.status()} ${icon.headers()["content-type"]}`).toBe(`${src} 200 image/png`);
  }
  await page.goto("/entrar");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", /\/manifest\.webmanifest/);
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", "/apple-touch-icon.png");
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute("content", "#1d5fd1");
});
