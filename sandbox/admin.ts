// /admin routes: levers for tests and demos. Never faulted, so a test can always switch faults off again.
import { CHANNEL_IDS, isChannelId, LOGISTICS_MODE_IDS, type LogisticsModeId } from "../server/domain/channels/channels";
import { CHANNEL_RULES } from "../server/domain/channels/rules";
import { isValidCnpj, normalizeCnpj } from "../server/domain/documents";
import type { ApiRequest } from "./api";
import { type Faults, parseFaultPatch } from "./faults";
import type { Generator } from "./generator";
import { error, isObject, json, parseJsonBody } from "./http";
import type { SandboxStore } from "./store";
import { isOrderStatus, type JsonResponse, type MarketplaceOrder } from "./types";

export interface AdminDeps {
  store: SandboxStore;
  faults: Faults;
  generator: Generator;
}

const CODE_PATTERN = /^[A-Za-z0-9._-]{1,60}$/;

function objectBody(req: ApiRequest): { value: Record<string, unknown> } | { response: JsonResponse } {
  const body = parseJsonBody(req.body);
  if (!body.ok || !isObject(body.value)) return { response: error(400, "The body must be a JSON object.") };
  return { value: body.value };
}

export function getFaults(deps: AdminDeps): JsonResponse {
  return json(200, deps.faults.config);
}

export function postFaults(req: ApiRequest, deps: AdminDeps): JsonResponse {
  const body = objectBody(req);
  if ("response" in body) return body.response;
  const patch = parseFaultPatch(body.value);
  if (!patch.ok) return error(400, patch.error);
  return json(200, deps.faults.update(patch.patch));
}

export function createOrder(req: ApiRequest, deps: AdminDeps): JsonResponse {
  const body = objectBody(req);
  if ("response" in body) return body.response;
  const { seller, channel, logisticsMode, status, code } = body.value;
  if (typeof seller !== "string" || !isValidCnpj(seller)) return error(400, "seller must be a valid CNPJ.");
  if (channel !== undefined && (typeof channel !== "string" || !isChannelId(channel))) {
    return error(400, `channel must be one of ${CHANNEL_IDS.join(", ")}.`);
  }
  if (
    logisticsMode !== undefined &&
    (typeof logisticsMode !== "string" || !(LOGISTICS_MODE_IDS as readonly string[]).includes(logisticsMode))
  ) {
    return error(400, `logisticsMode must be one of ${LOGISTICS_MODE_IDS.join(", ")}.`);
  }
  const mode = logisticsMode as LogisticsModeId | undefined;
  // A mode alone picks a channel that offers it, so "give me an ME2 order" needs no channel.
  const chosenChannel =
    channel ?? (mode ? CHANNEL_IDS.find((c) => CHANNEL_RULES[c].logisticsModes.includes(mode)) : undefined);
  if (chosenChannel && mode && !CHANNEL_RULES[chosenChannel].logisticsModes.includes(mode)) {
    return error(
      400,
      `${chosenChannel} does not offer ${mode}; it offers ${CHANNEL_RULES[chosenChannel].logisticsModes.join(", ")}.`,
    );
  }
  if (status !== undefined && status !== "NEW" && status !== "APPROVED") {
    return error(400, 'status must be "NEW" or "APPROVED".');
  }
  if (code !== undefined && (typeof code !== "string" || !CODE_PATTERN.test(code))) {
    return error(400, "code must be 1 to 60 characters: letters, digits, dot, dash or underscore.");
  }
  if (code !== undefined && chosenChannel === undefined) {
    return error(400, "Give channel together with code (codes are unique per channel).");
  }
  if (code && chosenChannel && deps.store.getOrder(chosenChannel, code)) {
    return error(409, `Order ${chosenChannel}/${code} already exists.`);
  }
  const order = deps.store.transaction(() =>
    deps.generator.createOrder({
      seller: normalizeCnpj(seller),
      channel: chosenChannel,
      logisticsMode: mode,
      status,
      code,
    }),
  );
  return json(201, order);
}

/**
 * Orders that already exist on the hub's side (its demo data), so that updates to them reach a marketplace
 * that knows them. Existing codes are left as they are.
 */
export function importOrders(req: ApiRequest, deps: AdminDeps): JsonResponse {
  const body = objectBody(req);
  if ("response" in body) return body.response;
  const list = body.value.orders;
  if (!Array.isArray(list)) return error(400, "orders must be an array.");
  for (const [i, raw] of list.entries()) {
    if (!isObject(raw) || typeof raw.code !== "string" || !CODE_PATTERN.test(raw.code)) {
      return error(400, `orders[${i}].code is missing or invalid.`);
    }
    if (typeof raw.channel !== "string" || !isChannelId(raw.channel))
      return error(400, `orders[${i}].channel is invalid.`);
    if (typeof raw.sellerCnpj !== "string" || !isValidCnpj(raw.sellerCnpj)) {
      return error(400, `orders[${i}].sellerCnpj must be a valid CNPJ.`);
    }
    if (!isOrderStatus(raw.status)) return error(400, `orders[${i}].status is invalid.`);
  }
  const imported = deps.store.transaction(() => {
    let count = 0;
    for (const raw of list as Record<string, unknown>[]) {
      if (deps.store.getOrder(String(raw.channel), String(raw.code))) continue;
      const order = {
        invoiceValidation: null,
        deliveredAt: null,
        canceledAt: null,
        cancelReason: null,
        cancellationRequested: false,
        ...raw,
        sellerCnpj: normalizeCnpj(String(raw.sellerCnpj)),
      } as unknown as MarketplaceOrder;
      deps.store.saveOrder(order);
      count++;
    }
    return count;
  });
  return json(200, { imported });
}

export function tick(deps: AdminDeps): JsonResponse {
  return json(200, deps.generator.tick());
}

/**
 * What a seller does by hand in the marketplace's own panel, bypassing the API rules: the source of the
 * divergences the hub must detect (SPEC §5).
 */
export function manualChange(req: ApiRequest, deps: AdminDeps, channel: string, code: string): JsonResponse {
  const body = objectBody(req);
  if ("response" in body) return body.response;
  const { status, accessKey, trackingCode, reason } = body.value;
  if (status === undefined && accessKey === undefined && trackingCode === undefined) {
    return error(400, "Give at least one of status, accessKey, trackingCode.");
  }
  if (status !== undefined && !isOrderStatus(status)) return error(400, `Unknown status "${String(status)}".`);
  if (accessKey !== undefined && (typeof accessKey !== "string" || accessKey.trim() === "")) {
    return error(400, "accessKey must be a non-empty string.");
  }
  if (trackingCode !== undefined && (typeof trackingCode !== "string" || trackingCode.trim() === "")) {
    return error(400, "trackingCode must be a non-empty string.");
  }
  if (reason !== undefined && typeof reason !== "string") return error(400, "reason must be a string.");

  return deps.store.transaction(() => {
    const order = deps.store.getOrder(channel, code);
    if (!order) return error(404, "Pedido não encontrado.");
    const now = new Date();
    const at = now.toISOString();
    const next: MarketplaceOrder = { ...order };
    if (typeof accessKey === "string") {
      next.invoice = {
        accessKey: accessKey.trim(),
        issuedAt: order.invoice?.issuedAt ?? at,
        hasXml: order.invoice?.hasXml ?? false,
      };
    }
    if (typeof trackingCode === "string") {
      next.shipment = {
        ...(order.shipment ?? { carrier: "other", method: "Envio manual", url: null, handedAt: at }),
        trackingCode: trackingCode.trim(),
      };
    }
    if (isOrderStatus(status)) {
      next.status = status;
      if (status === "APPROVED") next.approvedAt ??= at;
      if (status === "DELIVERED") next.deliveredAt ??= at;
      if (status === "CANCELED") {
        next.canceledAt = at;
        next.cancelReason =
          typeof reason === "string" && reason ? reason : "Cancelado manualmente no painel do marketplace";
        next.cancellationRequested = false;
      }
    }
    return json(200, deps.store.saveOrder(next, now));
  });
}

export function listUpdates(req: ApiRequest, deps: AdminDeps): JsonResponse {
  const raw = req.query.get("seller");
  const seller = raw ? normalizeCnpj(raw) : null;
  return json(200, { updates: deps.store.listUpdates(seller) });
}

export function reset(deps: AdminDeps): JsonResponse {
  deps.store.reset();
  deps.faults.reset();
  return json(200, { ok: true });
}
