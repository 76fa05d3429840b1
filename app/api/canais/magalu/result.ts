import type { MagaluConnectResult } from "@/server/channels/magalu/connect-flow";

const CONNECTED = "Magalu conectada: os pedidos desta conta passam a chegar pela API da Magalu.";

/** Back to the account's connections page, which shows the outcome (in pt-BR) from ?resultado=. */
export function backToConnections(origin: string, result: MagaluConnectResult, headers: Record<string, string> = {}) {
  const url = new URL("/conexoes", origin);
  url.searchParams.set("resultado", result.ok ? CONNECTED : result.message);
  return new Response(null, {
    status: 302,
    headers: { location: url.toString(), "cache-control": "no-store", ...headers },
  });
}
