import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "fluxo-demo-2026";

export const USERS = {
  sellerA: "vendedor@lojaaurora.com.br",
  managerA: "gestor@lojaaurora.com.br",
  sellerB: "vendedor@casaverde.com.br",
  support: "suporte@fluxo.com.br",
} as const;

const SANDBOX = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 1}`;

/**
 * Calls the marketplace sandbox's own API (its admin panel and order view). Each call opens its own connection:
 * a kept-alive socket left idle while the browser works could be closed by the sandbox just as it is reused,
 * which failed CI once with "socket hang up".
 */
export function sandbox(request: APIRequestContext) {
  const headers = { connection: "close" };
  return {
    post: (path: string, data: unknown) => request.post(`${SANDBOX}${path}`, { data, headers }),
    get: (path: string) => request.get(`${SANDBOX}${path}`, { headers }),
  };
}

export async function signIn(page: Page, email: string) {
  await page.goto("/entrar");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).toHaveURL(/\/pedidos/);
  await expect(page.getByRole("heading", { name: "Pedidos" })).toBeVisible();
}

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}
