// The hub's update kinds as Mirakl seller calls (MMP seller API: OR21, OR23, OR24, OR29, OR31, OR74). Each call is
// a request the adapter sends in order; an update is acknowledged when every one of them succeeded.
import { CARRIERS } from "../../domain/shipping/carriers";
import type { MiraklBody } from "./client";
import type { MiraklCredentials } from "./credentials";

export interface MiraklRequest {
  method: "PUT" | "POST";
  path: string;
  body?: MiraklBody;
  /** OR31/OR74 answer 200 with a report that lists what failed. */
  report?: "additional_fields" | "documents";
}

type MiraklCall = { requests: MiraklRequest[] } | { refused: string };

const str = (value: unknown) => (typeof value === "string" ? value : "");

/** The NF-e's series and number from its access key (positions 23–25 and 26–34), without the zeros in front. */
function seriesAndNumber(accessKey: string): { series: string; number: string } {
  return { series: String(Number(accessKey.slice(22, 25))), number: String(Number(accessKey.slice(25, 34))) };
}

function invoice(path: (action: string) => string, payload: Record<string, unknown>, c: MiraklCredentials): MiraklCall {
  const key = str(payload.accessKey);
  if (c.invoiceMethod === "documents") {
    const xml = str(payload.xmlBase64);
    if (!xml) {
      return {
        refused:
          "Esta conexão com o Carrefour envia a NF-e como arquivo XML: envie o XML da nota no pedido em vez de só a chave (ou mude o envio da NF-e em Conexões).",
      };
    }
    const fileName = `${key}.xml`;
    return {
      requests: [
        {
          method: "POST",
          path: path("documents"),
          report: "documents",
          body: {
            multipart: {
              files: [{ name: fileName, bytes: Buffer.from(xml, "base64"), type: "application/xml" }],
              fields: [
                [
                  "order_documents",
                  JSON.stringify({ order_documents: [{ file_name: fileName, type_code: c.nfeDocumentType }] }),
                ],
              ],
            },
          },
        },
      ],
    };
  }
  const { series, number } = seriesAndNumber(key);
  return {
    requests: [
      {
        method: "PUT",
        path: path("additional_fields"),
        report: "additional_fields",
        body: {
          json: {
            order_additional_fields: [
              { code: c.nfeKeyField, value: key },
              { code: c.nfeNumberField, value: number },
              { code: c.nfeSeriesField, value: series },
            ],
          },
        },
      },
    ],
  };
}

/** OR23 then OR24: Mirakl validates the shipment only once the tracking is in. */
function shipment(path: (action: string) => string, payload: Record<string, unknown>): MiraklCall {
  const carrier = str(payload.carrier);
  const url = str(payload.trackingUrl);
  return {
    requests: [
      {
        method: "PUT",
        path: path("tracking"),
        body: {
          json: {
            carrier_name: CARRIERS.find((c) => c.id === carrier)?.label ?? carrier,
            ...(url ? { carrier_url: url } : {}),
            tracking_number: str(payload.trackingCode),
          },
        },
      },
      { method: "PUT", path: path("ship") },
    ],
  };
}

/** The calls for one hub update; `lineIds` are the order's lines (acceptance decides each one). */
export function miraklCall(
  code: string,
  kind: string,
  payload: Record<string, unknown>,
  credentials: MiraklCredentials,
  lineIds: readonly string[],
): MiraklCall {
  const path = (action: string) => `/api/orders/${encodeURIComponent(code)}/${action}`;
  switch (kind) {
    case "accept":
    case "refuse":
      return {
        requests: [
          {
            method: "PUT",
            path: path("accept"),
            body: { json: { order_lines: lineIds.map((id) => ({ id, accepted: kind === "accept" })) } },
          },
        ],
      };
    case "invoice":
      return invoice(path, payload, credentials);
    case "shipment":
      return shipment(path, payload);
    case "cancel":
      // OR29 takes no body: the seller's reason stays in the hub's timeline.
      return { requests: [{ method: "PUT", path: path("cancel") }] };
    default:
      return { refused: `O Carrefour não recebe atualizações do tipo "${kind}" pela API da Mirakl.` };
  }
}
