import { describe, expect, it } from "vitest";
import type { GuidanceOrder } from "./order-guidance";
import { actionDoneMessage } from "./order-guidance-outcome";

const order = (over: Partial<GuidanceOrder> = {}): GuidanceOrder => ({
  status: "APPROVED",
  channel: "americanas",
  logisticsMode: "correios",
  cancellationRequestedAt: null,
  handledManuallyAt: null,
  ...over,
});

describe("what the seller's action sent, and to whom", () => {
  it("names the marketplace and whether the invoice went now or goes with the shipment", () => {
    expect(actionDoneMessage("invoice", order())).toBe("Nota enviada à Americanas.");
    expect(actionDoneMessage("invoice", order({ channel: "zoom" }))).toBe(
      "Nota registrada; vai à Zoom junto com o envio.",
    );
    expect(actionDoneMessage("invoice", order({ channel: "carrefour" }))).toBe("Nota enviada ao Carrefour.");
    expect(actionDoneMessage("invoice", order({ channel: "amazon" }))).toBe("Nota enviada à Amazon.");
    expect(actionDoneMessage("ship", order({ channel: "zoom", status: "INVOICED" }))).toBe(
      "Nota e rastreio enviados à Zoom.",
    );
    expect(actionDoneMessage("ship", order({ status: "INVOICED" }))).toBe("Rastreio enviado à Americanas.");
    expect(actionDoneMessage("ship", order({ channel: "amazon", status: "SHIPMENT_EXCEPTION" }))).toBe(
      "Rastreio enviado à Amazon.",
    );
  });

  it("says a cancellation request waits for the marketplace and a stock change stays in Fluxo, which no API takes", () => {
    expect(actionDoneMessage("requestCancellation", order({ status: "INVOICED", channel: "mercado_livre" }))).toBe(
      "Pedido de cancelamento enviado ao Mercado Livre; o pedido fica cancelado quando o marketplace confirmar.",
    );
    expect(actionDoneMessage("markOutOfStock", order())).toBe(
      "Pedido marcado sem estoque só no Fluxo: o marketplace não recebe essa informação.",
    );
    expect(actionDoneMessage("restock", order({ channel: "carrefour", status: "OUT_OF_STOCK" }))).toBe(
      "O pedido voltou a aguardar a nota fiscal.",
    );
  });

  it("promises nothing for an order handled manually", () => {
    const manual = order({ status: "SHIPPED", handledManuallyAt: new Date("2026-12-02T15:00:00Z") });
    expect(actionDoneMessage("markDelivered", manual)).toBe(
      "Registrado só no Fluxo: este pedido é tratado manualmente e nada vai à Americanas.",
    );
  });
});
