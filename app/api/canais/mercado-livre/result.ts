import type { ConnectResult } from "@/server/channels/mercado-livre/connect-flow";

/** Back to the connections page with the outcome in pt-BR: ?mercadoLivre=conectado, or =erro&mensagem=… */
export function backToConnections(origin: string, result: ConnectResult, headers: Record<string, string> = {}) {
  const url = new URL("/admin/conexoes", origin);
  url.searchParams.set("mercadoLivre", result.ok ? "conectado" : "erro");
  if (!result.ok) url.searchParams.set("mensagem", result.message);
  return new Response(null, {
    status: 302,
    headers: { location: url.toString(), "cache-control": "no-store", ...headers },
  });
}
