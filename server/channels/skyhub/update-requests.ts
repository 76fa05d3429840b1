// The hub's update kinds as SkyHub's order calls (desenvolvedores.skyhub.com.br "Atualização de Pedidos"; bodies
// as in the official SDK, bittools/skyhub-php). Dates go with Brasília's offset, as SkyHub's examples show them.
import { randomBytes } from "node:crypto";
import type { LogisticsModeId } from "../../domain/channels/channels";
import { CARRIERS } from "../../domain/shipping/carriers";
import type { SkyhubBody } from "./client";

export interface OrderFacts {
  logisticsMode: LogisticsModeId;
  items: { sku: string; qty: number }[];
}

type SkyhubCall = { path: string; body: SkyhubBody } | { refused: string };

/** "2026-03-10T11:30:00-03:00" for an instant given in any ISO form (Brazil has kept UTC−3 all year since 2019). */
function brasiliaTime(value: unknown): string | undefined {
  const at = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return `${new Date(at - 3 * 3600_000).toISOString().slice(0, 19)}-03:00`;
}

const str = (value: unknown) => (typeof value === "string" ? value : "");

function carrierName(id: string): string {
  return CARRIERS.find((carrier) => carrier.id === id)?.label ?? id;
}

/** Whether the call needs the order's mode or items, which the update itself does not carry. */
export function needsOrderFacts(kind: string): boolean {
  return kind === "invoice" || kind === "shipment";
}

function multipart(fields: [name: string, value: string][], file: { name: string; xml: Buffer }) {
  const boundary = `fluxo-${randomBytes(12).toString("hex")}`;
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/xml\r\n\r\n`,
    ),
    file.xml,
    Buffer.from("\r\n"),
  ];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { boundary, bytes: Buffer.concat(parts) };
}

function invoice(code: string, payload: Record<string, unknown>, facts: OrderFacts): SkyhubCall {
  const path = `/orders/${encodeURIComponent(code)}/invoice`;
  const key = str(payload.accessKey);
  const issueDate = brasiliaTime(payload.issuedAt);
  const direct = facts.logisticsMode === "b2w_entregas_direct";
  // One label per order: the hub does not know the packages, and SkyHub warns against asking more than needed.
  const volumeQty = 1;
  if (direct && typeof payload.xmlBase64 === "string" && payload.xmlBase64 !== "") {
    const fields: [string, string][] = [
      ["status", "order_invoiced"],
      ["volume_qty", String(volumeQty)],
    ];
    if (issueDate) fields.push(["issue_date", issueDate]);
    return {
      path,
      body: { multipart: multipart(fields, { name: `${key}.xml`, xml: Buffer.from(payload.xmlBase64, "base64") }) },
    };
  }
  return {
    path,
    body: {
      json: {
        status: "order_invoiced",
        invoice: { key, ...(issueDate ? { issue_date: issueDate } : {}), ...(direct ? { volume_qty: volumeQty } : {}) },
      },
    },
  };
}

function shipment(code: string, payload: Record<string, unknown>, facts: OrderFacts): SkyhubCall {
  const url = str(payload.trackingUrl);
  return {
    path: `/orders/${encodeURIComponent(code)}/shipments`,
    body: {
      json: {
        status: "order_shipped",
        shipment: {
          code,
          delivered_carrier_date: brasiliaTime(payload.handedAt),
          items: facts.items,
          track: {
            code: str(payload.trackingCode),
            carrier: carrierName(str(payload.carrier)),
            method: str(payload.method),
            ...(url ? { url } : {}),
          },
        },
      },
    },
  };
}

/** The SkyHub call for one hub update, or why SkyHub has no call for it. */
export function skyhubCall(
  code: string,
  kind: string,
  payload: Record<string, unknown>,
  facts: OrderFacts | null,
): SkyhubCall {
  const orderPath = (action: string) => `/orders/${encodeURIComponent(code)}/${action}`;
  switch (kind) {
    case "invoice":
      return facts ? invoice(code, payload, facts) : { refused: "Pedido não encontrado na Americanas." };
    case "shipment":
      return facts ? shipment(code, payload, facts) : { refused: "Pedido não encontrado na Americanas." };
    case "delivered":
      return {
        path: orderPath("delivery"),
        body: { json: { status: "complete", delivered_date: brasiliaTime(payload.deliveredAt) } },
      };
    case "delivery_problem":
      return {
        path: orderPath("shipment_exception"),
        body: {
          json: {
            status: "shipment_exception",
            shipment_exception: {
              occurrence_date: brasiliaTime(payload.occurredAt),
              observation: str(payload.observation),
            },
          },
        },
      };
    case "cancel":
      // SkyHub's cancel takes only the status; the reason stays in the hub's timeline.
      return { path: orderPath("cancel"), body: { json: { status: "order_canceled" } } };
    default:
      return { refused: `A Americanas não recebe atualizações do tipo "${kind}" pela API da SkyHub.` };
  }
}
