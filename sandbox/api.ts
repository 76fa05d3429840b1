// The /v1 routes: what the hub's marketplace client talks to.
import { isChannelId } from "../server/domain/channels/channels";
import { isValidCnpj, normalizeCnpj } from "../server/domain/documents";
import type { Faults } from "./faults";
import { error, isObject, json, parseJsonBody } from "./http";
import { decideUpdate } from "./rules";
import type { SandboxStore } from "./store";
import type { JsonResponse, MarketplaceOrder } from "./types";

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface ApiDeps {
  store: SandboxStore;
  faults: Faults;
}

const MAX_KEY_LENGTH = 255;

/** The seller CNPJ from ?seller=, normalised, or the 400 to answer. */
export function sellerParam(query: URLSearchParams): { seller: string } | { response: JsonResponse } {
  const raw = query.get("seller");
  if (!raw) return { response: error(400, "Informe o parâmetro seller com o CNPJ do vendedor.") };
  const seller = normalizeCnpj(raw);
  if (!isValidCnpj(seller)) return { response: error(400, `O CNPJ do vendedor "${raw}" não é válido.`) };
  return { seller };
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number | null {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

export function listOrders(req: ApiRequest, deps: ApiDeps): JsonResponse {
  const sellerResult = sellerParam(req.query);
  if ("response" in sellerResult) return sellerResult.response;
  const channel = req.query.get("channel");
  if (channel && !isChannelId(channel)) return error(400, `Canal desconhecido: "${channel}".`);
  const since = intParam(req.query, "since", 0, 0, Number.MAX_SAFE_INTEGER);
  if (since === null) return error(400, "O parâmetro since deve ser um número inteiro (o cursor recebido).");
  const limit = intParam(req.query, "limit", 500, 1, 1000);
  if (limit === null) return error(400, "O parâmetro limit deve ser um número inteiro de 1 a 1000.");

  const orders = deps.store.listOrders(sellerResult.seller, channel || null, since, limit);
  const cursor = String(orders.at(-1)?.seq ?? since);
  return json(200, { orders: deps.faults.duplicate(orders), cursor });
}

export function getOrder(req: ApiRequest, deps: ApiDeps, channel: string, code: string): JsonResponse {
  const sellerResult = sellerParam(req.query);
  if ("response" in sellerResult) return sellerResult.response;
  const order = deps.store.getOrder(channel, code);
  // Another seller's order is "not found", never "forbidden": its existence is not theirs to know.
  if (!order || order.sellerCnpj !== sellerResult.seller) return error(404, "Pedido não encontrado.");
  return json(200, order);
}

/**
 * One update through the channel's rules, the order it leaves stored: what every protocol's update call does, so
 * /v1 and the marketplaces' own protocols accept and refuse alike.
 */
export function applyUpdate(
  store: SandboxStore,
  order: MarketplaceOrder,
  kind: unknown,
  payload: unknown,
  now: Date,
): { ok: true; order: MarketplaceOrder } | { ok: false; reason: string } {
  const decision = decideUpdate(order, kind, payload, {
    now,
    invoiceKeyUsedElsewhere: (accessKey) => store.invoiceKeyUsedElsewhere(order, accessKey),
  });
  if (!decision.ok) return decision;
  return { ok: true, order: decision.changed ? store.saveOrder(decision.order, now) : order };
}

export function postUpdate(req: ApiRequest, deps: ApiDeps, channel: string, code: string): JsonResponse {
  const sellerResult = sellerParam(req.query);
  if ("response" in sellerResult) return sellerResult.response;
  const seller = sellerResult.seller;
  const header = req.headers["idempotency-key"];
  const key = (Array.isArray(header) ? header[0] : header)?.trim() ?? "";
  if (key === "" || key.length > MAX_KEY_LENGTH) {
    return error(400, `Envie o cabeçalho Idempotency-Key (1 a ${MAX_KEY_LENGTH} caracteres), único por atualização.`);
  }

  const { store, faults } = deps;
  const outcome = store.transaction((): { response: JsonResponse; fresh: boolean } => {
    const previous = store.getUpdate(seller, key);
    if (previous) {
      store.countRepeat(seller, key);
      return { response: json(previous.stored.httpStatus, previous.response), fresh: false };
    }
    // Malformed requests and unknown orders are not remembered: fixing them and retrying with the same key works.
    const body = parseJsonBody(req.body);
    if (!body.ok || !isObject(body.value)) {
      return {
        response: error(400, 'O corpo deve ser um objeto JSON: { "kind": ..., "payload": { ... } }.'),
        fresh: false,
      };
    }
    const order = store.getOrder(channel, code);
    if (!order || order.sellerCnpj !== seller) {
      return { response: error(404, "Pedido não encontrado."), fresh: false };
    }
    const { kind, payload } = body.value;
    const now = new Date();
    const decision = applyUpdate(store, order, kind, payload, now);
    let response: JsonResponse;
    if (decision.ok) {
      response = json(200, { result: "acknowledged", order: decision.order });
    } else {
      response = json(422, { result: "rejected", reason: decision.reason });
    }
    store.insertUpdate(
      {
        seller,
        idempotencyKey: key,
        channel,
        code,
        kind: typeof kind === "string" ? kind : String(kind),
        request: body.value,
        httpStatus: response.status,
        result: decision.ok ? "acknowledged" : "rejected",
        response: response.body,
      },
      now,
    );
    return { response, fresh: true };
  });

  // The update is committed either way; the hub just never hears back, as when a connection drops mid-response.
  if (outcome.fresh && faults.loseResponse()) {
    return error(500, "Erro interno do marketplace (simulado, depois de aplicar a atualização).");
  }
  return outcome.response;
}
