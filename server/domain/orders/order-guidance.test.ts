import { describe, expect, it } from "vitest";
import { awaitingConfirmationNote } from "../replication/awaiting-confirmation";
import {
  type GuidanceDivergence,
  type GuidanceOrder,
  type GuidanceUpdate,
  type OrderGuidanceInput,
  offeredActions,
  orderGuidance,
  stageChanged,
} from "./order-guidance";

const at = (iso: string) => new Date(iso);

const order = (over: Partial<GuidanceOrder> = {}): GuidanceOrder => ({
  status: "APPROVED",
  channel: "americanas",
  logisticsMode: "correios",
  cancellationRequestedAt: null,
  handledManuallyAt: null,
  ...over,
});

const update = (over: Partial<GuidanceUpdate> = {}): GuidanceUpdate => ({
  id: 1,
  kind: "invoice",
  state: "pending",
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
  createdAt: at("2026-12-01T13:00:00Z"),
  updatedAt: at("2026-12-01T13:00:00Z"),
  ...over,
});

const guidance = (over: Partial<OrderGuidanceInput<GuidanceDivergence>>) =>
  orderGuidance({ order: order(), updates: [], timeline: [], divergences: [], deadline: null, ...over });

/** Every sentence the page would show for the order, to check that none contradicts another. */
const everything = (g: ReturnType<typeof orderGuidance>) =>
  [
    g.statusLine,
    g.deadline?.text,
    g.nextStep,
    ...g.notices.map((n) => n.text),
    ...g.updates.flatMap((u) => [u.stateLabel, u.reason]),
    ...g.divergences.map((d) => d.likelyCause),
  ]
    .filter(Boolean)
    .join("\n");

describe("the order page's guidance", () => {
  it("drops a late-invoice finding as soon as the Mercado Livre invoice is accepted, without waiting for a check", () => {
    const late = {
      id: 7,
      kind: "stuck",
      likelyCause: "Pagamento aprovado há mais de 24 h e a nota fiscal ainda não foi informada",
      openedAt: at("2026-12-02T13:00:00Z"),
      hubState: { status: "APPROVED" },
    };
    const before = guidance({
      order: order({ channel: "mercado_livre", logisticsMode: "me2" }),
      divergences: [late],
      deadline: { state: "late", sentence: "Atrasado: …" },
    });
    expect(before.divergences).toHaveLength(1);

    const after = guidance({
      order: order({ channel: "mercado_livre", logisticsMode: "me2", status: "INVOICED" }),
      updates: [update({ state: "acknowledged" })],
      divergences: [late],
      deadline: null,
    });
    expect(after.divergences).toEqual([]);
    expect(after.deadline).toBeNull();
    expect(everything(after)).not.toMatch(/ainda não foi informada|Atrasado/);
    expect(after.nextStep).toBe("Aguardando Mercado Livre despachar o pedido com a etiqueta do marketplace");
  });

  it("offers no shipping form, nor any other, once the order is delivered, and tells the page to replace its forms", () => {
    const shipped = order({ status: "SHIPPED" });
    const delivered = order({ status: "DELIVERED" });
    expect(offeredActions(shipped)).toEqual(["markDelivered", "reportDeliveryProblem"]);
    expect(offeredActions(order({ status: "INVOICED" }))).toContain("ship");
    expect(offeredActions(delivered)).toEqual([]);
    expect(guidance({ order: delivered }).nextStep).toBeNull();
    expect(stageChanged(shipped, delivered)).toBe(true);
    expect(stageChanged(shipped, { ...shipped })).toBe(false);
    expect(stageChanged(shipped, { ...shipped, cancellationRequestedAt: at("2026-12-01T13:00:00Z") })).toBe(true);
  });

  it("never says a cancellation was confirmed while the order still waits for the marketplace's confirmation", () => {
    const requested = at("2026-12-02T10:00:00Z");
    const cancel = update({ id: 2, kind: "cancel", state: "acknowledged" });
    const waiting = guidance({
      order: order({ status: "INVOICED", cancellationRequestedAt: requested }),
      updates: [update({ state: "acknowledged" }), cancel],
    });
    expect(waiting.statusLine).toBe("Cancelamento solicitado");
    expect(waiting.updates[1]?.stateLabel).toBe("Recebida — aguardando a confirmação do marketplace");
    expect(waiting.nextStep).toBe("Aguardando o marketplace confirmar o cancelamento.");

    const confirmed = guidance({
      order: order({ status: "CANCELED", cancellationRequestedAt: requested }),
      updates: [update({ state: "acknowledged" }), cancel],
    });
    expect(confirmed.statusLine).toBe("Cancelado");
    expect(confirmed.updates[1]?.stateLabel).toBe("Confirmada pelo marketplace");
    expect(confirmed.nextStep).toBeNull();
  });

  it("says once that a held invoice goes with the shipment", () => {
    const g = guidance({
      order: order({ channel: "carrefour", status: "INVOICED" }),
      updates: [update({ state: "held" })],
    });
    expect(g.notices).toEqual([
      { id: "held-invoice", tone: "info", text: "A chave será enviada ao Carrefour junto com os dados de envio." },
    ]);
    expect(everything(g).match(/junto com os dados de envio/g)).toHaveLength(1);
    const shipped = guidance({
      order: order({ channel: "carrefour", status: "SHIPPED" }),
      updates: [update({ state: "acknowledged" }), update({ id: 2, kind: "shipment", state: "acknowledged" })],
    });
    expect(shipped.notices).toEqual([]);
  });

  it("answers a rejection with what to do in Fluxo, never with a change in the marketplace's panel", () => {
    const g = guidance({
      order: order({ status: "SHIPPED" }),
      updates: [
        update({ state: "acknowledged" }),
        update({
          id: 2,
          kind: "shipment",
          state: "rejected",
          lastError:
            "O pedido já foi enviado com o rastreio AA123456785BR. Para enviar de novo com outro rastreio, informe antes um problema de entrega (delivery_problem).",
        }),
      ],
    });
    expect(everything(g)).not.toMatch(/painel do marketplace|\(delivery_problem\)/);
    expect(g.nextStep).toBe(
      "Resolva o que o marketplace apontou na atualização “Envio” e reenvie-a por aqui; se for preciso mudar um dado já informado, fale com o suporte do Fluxo.",
    );
    expect(g.updates[1]?.reason).toBe(
      "O pedido já foi enviado com o rastreio AA123456785BR. Para enviar de novo com outro rastreio, informe antes um problema de entrega.",
    );
    expect(g.updates.map((u) => u.resendable)).toEqual([false, true]);
  });

  it("offers to re-send only the newest update of a kind, not a rejection already re-sent", () => {
    const g = guidance({
      order: order({ status: "INVOICED" }),
      updates: [update({ state: "rejected", lastError: "bad_request" }), update({ id: 2, state: "pending" })],
    });
    expect(g.updates.map((u) => u.resendable)).toEqual([false, false]);
    expect(g.nextStep).toBe("Informe o envio (rastreio)");
  });

  it("says once that an order is handled manually, blames nobody and promises nothing the hub no longer does", () => {
    const g = guidance({
      order: order({ channel: "amazon", status: "INVOICED", handledManuallyAt: at("2026-12-02T15:30:00Z") }),
      updates: [update({ state: "held" }), update({ id: 2, kind: "shipment", state: "rejected", lastError: "x" })],
    });
    expect(g.notices).toEqual([
      {
        id: "handled-manually",
        tone: "warning",
        text: "O suporte do Fluxo passou a tratar este pedido manualmente em 02/12/2026, 12:30: o que você registrar aqui fica só no Fluxo e não vai à Amazon.",
      },
    ]);
    expect(g.nextStep).toBe("Acompanhe o pedido até a entrega no painel do marketplace.");
    expect(g.synchronised).toBe(false);
    expect(g.updates.some((u) => u.resendable)).toBe(false);
    expect(everything(g)).not.toMatch(/será enviada|alterado|Resolva/);
  });

  it("tells when each update was registered, sent and confirmed, from the worker's answers", () => {
    const g = guidance({
      order: order({ status: "INVOICED" }),
      updates: [update({ state: "acknowledged", updatedAt: at("2026-12-01T13:05:00Z") })],
      timeline: [
        { at: at("2026-12-01T13:00:02Z"), kind: "replication.retrying", data: { outboxId: 1 } },
        { at: at("2026-12-01T13:00:09Z"), kind: "replication.acknowledged", data: { outboxId: 1 } },
        { at: at("2026-12-01T13:00:03Z"), kind: "replication.acknowledged", data: { outboxId: 9 } },
      ],
    });
    expect(g.updates[0]?.moments).toEqual([
      { what: "registrada", at: at("2026-12-01T13:00:00Z") },
      { what: "enviada", at: at("2026-12-01T13:00:02Z") },
      { what: "confirmada", at: at("2026-12-01T13:00:09Z") },
    ]);
  });

  it("shows the deadline in the order's own words and a divergence only while it describes the order as it is", () => {
    const g = guidance({
      order: order({ status: "INVOICED" }),
      deadline: { state: "today", sentence: "Despache até hoje, 18:00." },
      divergences: [
        {
          id: 1,
          kind: "data_mismatch",
          likelyCause: "Chave diferente",
          openedAt: at("2026-12-02T10:00:00Z"),
          hubState: { status: "INVOICED" },
        },
        {
          id: 2,
          kind: "manual_change",
          likelyCause: "Antes",
          openedAt: at("2026-12-01T10:00:00Z"),
          hubState: { status: "APPROVED" },
        },
      ],
    });
    expect(g.deadline).toEqual({ state: "today", text: "Despache até hoje, 18:00." });
    expect(g.divergences.map((d) => d.id)).toEqual([1]);
  });

  it("says an update the marketplace took and confirms later was received, with no retry or failure shown", () => {
    const taken = update({
      state: "retrying",
      attempts: 1,
      nextAttemptAt: at("2026-12-01T13:00:30Z"),
      lastError: awaitingConfirmationNote("Mercado Livre"),
    });
    const [row] = guidance({
      order: order({ channel: "mercado_livre", status: "INVOICED" }),
      updates: [taken],
    }).updates;
    expect(row).toMatchObject({
      stateLabel: "Recebida — aguardando a confirmação do marketplace",
      retry: null,
      reason: null,
    });
    const failed = update({
      state: "retrying",
      attempts: 1,
      nextAttemptAt: at("2026-12-01T13:00:30Z"),
      lastError: "HTTP 503",
    });
    const [failedRow] = guidance({ order: order({ status: "INVOICED" }), updates: [failed] }).updates;
    expect(failedRow).toMatchObject({ stateLabel: "Nova tentativa agendada", retry: { attempt: 1 } });
  });

  it("offers no cancellation on a channel that cancels only through its own support, and says where to ask", () => {
    const zoom = order({ channel: "zoom", status: "APPROVED" });
    expect(offeredActions(zoom)).not.toContain("cancel");
    expect(offeredActions(order({ status: "APPROVED" }))).toContain("cancel");
    expect(guidance({ order: zoom }).notices).toEqual([
      {
        id: "cancel-through-marketplace",
        tone: "info",
        text: "Pedidos da Zoom só são cancelados pelo atendimento da Zoom: abra um chamado na central do lojista, e o Fluxo atualiza o pedido quando o cancelamento chegar.",
      },
    ]);
    // Shipped, nobody may cancel: nothing to explain.
    expect(guidance({ order: order({ channel: "zoom", status: "SHIPPED" }) }).notices).toEqual([]);
  });

  it("says that the out-of-stock state stays in Fluxo, since no marketplace's API takes it", () => {
    const g = guidance({ order: order({ status: "OUT_OF_STOCK" }) });
    expect(g.notices.map((n) => n.id)).toEqual(["hub-only-stock"]);
    expect(guidance({ order: order({ status: "APPROVED" }) }).notices).toEqual([]);
  });
});
