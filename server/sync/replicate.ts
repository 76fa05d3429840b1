import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client";
import { connectionFor, recordRateLimitWait } from "../../db/queries/connections";
import {
  type ClaimedUpdate,
  claimDueUpdates,
  extendLeases,
  invoiceAttachments,
  type Settlement,
  type SettlementItem,
  settleUpdates,
  updateContext,
} from "../../db/queries/outbox";
import { type ChannelAdapter, MarketplaceCallError } from "../channels/adapter";
import type { ConnectionInfo } from "../channels/registry";
import { CHANNEL_LABELS } from "../domain/channels/channels";
import { CHANNEL_RULES, invoiceHeldUntilShipment } from "../domain/channels/rules";
import { invoiceNumberFields } from "../domain/invoice/invoice-number";
import { afterAnswerRecorded } from "../domain/orders/commands/cancellation-refused";
import { type AppliedState, updateStateOn } from "../domain/replication/applied";
import { awaitingConfirmationNote } from "../domain/replication/awaiting-confirmation";
import { UPDATE_KIND_LABELS } from "../domain/replication/labels";
import { type FailureCause, isOutageFailure, OUTAGE } from "../domain/replication/outage";
import { readableReason } from "../domain/replication/reason-labels";
import { BACKOFF, nextDelayMs } from "./backoff";
import { connectionInfo } from "./connection-info";
import { limitedPerGroup } from "./limited-per-group";
import { type CallMade, isDown, type Log, probeDueConnections, recordCall } from "./outages";

export interface ReplicateOptions {
  owner: string;
  leaseMs: number;
  batch: number;
  adapterFor: (connection: ConnectionInfo) => ChannelAdapter;
  now?: () => Date;
  log?: Log;
  /** The longest wait between two attempts of an update (BACKOFF.maxMs unless the operator sets it). */
  retryMaxMs?: number;
}

/** An update's answer, its call (null when none went out), and what to record instead if its marketplace is down. */
interface Attempt {
  item: SettlementItem;
  call: CallMade | null;
  /** Replaces `item` when the connection is taken for down after this pass: an outage does not use up attempts. */
  ifDown?: SettlementItem;
}

type Outcome = Omit<Attempt, "call">;

async function payloadFor(
  db: Db,
  update: ClaimedUpdate,
  logisticsMode: Parameters<typeof invoiceHeldUntilShipment>[1],
) {
  if (update.kind !== "invoice") return update.payload;
  const { xml, shipment } = invoiceAttachments(db, update);
  return {
    ...update.payload,
    ...(xml ? { xmlBase64: Buffer.from(xml).toString("base64") } : {}),
    // Channels that take the invoice only with the shipping data get both in one request (SPEC §4).
    ...(shipment && invoiceHeldUntilShipment(update.channel, logisticsMode)
      ? {
          shipment: { ...shipment, handedAt: shipment.handedAt.toISOString() },
          ...(CHANNEL_RULES[update.channel].shipmentCarriesInvoiceNumber
            ? invoiceNumberFields(String(update.payload.accessKey ?? ""))
            : {}),
        }
      : {}),
  };
}

async function replicateOne(db: Db, update: ClaimedUpdate, options: ReplicateOptions): Promise<Attempt> {
  const now = options.now ?? (() => new Date());
  const label = UPDATE_KIND_LABELS[update.kind] ?? update.kind;
  const channel = CHANNEL_LABELS[update.channel];
  const settle = (result: Settlement): SettlementItem => ({ update, result, actorName: channel });
  const context = updateContext(db, update);
  const connection = connectionFor(db, update.accountId, update.channel);
  if (!context || !connection) {
    const item = settle({
      state: "retrying",
      error: `A conta não está conectada a ${channel}.`,
      nextAttemptAt: new Date(now().getTime() + nextDelayMs(update.attempts, null, Math.random, options.retryMaxMs)),
      summary: `${label}: aguardando a conexão com ${channel}`,
    });
    return { item, call: null };
  }
  if (context.handledManuallyAt) {
    const item = settle({
      state: "rejected",
      reason: "Não enviada: o pedido é tratado manualmente.",
      summary: `${label}: não enviada, o pedido é tratado manualmente`,
    });
    return { item, call: null };
  }
  if (isDown(db, connection.id)) {
    // Taken for down by a call of this same pass: not sent, no attempt; due again once the marketplace answers.
    const error = `${channel} fora do ar; a atualização sai assim que o marketplace voltar.`;
    return { item: settle({ state: "deferred", error, nextAttemptAt: now() }), call: null };
  }
  const adapter = options.adapterFor(connectionInfo(db, connection));
  const log = options.log ?? (() => {});
  const called = (answeredCall: boolean, outcome: Outcome): Attempt => {
    const call = { connection, answered: answeredCall };
    recordCall(db, call, now(), log);
    return { ...outcome, call };
  };
  const answered = (outcome: Outcome) => called(true, outcome);
  const failed = (cause: FailureCause, outcome: Outcome) => called(!isOutageFailure(cause), outcome);
  if (update.attempts > 1) {
    // An earlier attempt ended without a final answer (lost, failed, or taken for later confirmation). No
    // marketplace takes an idempotency key, so the order is read back first and what it already has is not sent
    // again (SPEC §5: exactly once).
    const known = await appliedOnMarketplace(adapter, context.code, update);
    if (known === "applied") {
      const item = settle({
        state: "acknowledged",
        response: { confirmedBy: "read_back" },
        summary: `${channel} confirmou: ${label} (conferido no pedido do marketplace)`,
      });
      return answered({ item });
    }
    if (known === "awaiting") {
      return answered({ item: awaitConfirmation(update, now(), settle, label, channel, AWAIT_CHECK_MS) });
    }
    if (known !== "not_applied" && "deferredMs" in known) {
      // The read waits for the marketplace's limit (SkyHub: one order read a second): no call, so no attempt.
      const nextAttemptAt = new Date(now().getTime() + known.deferredMs + Math.floor(Math.random() * 250));
      const item = settle({
        state: "deferred",
        error: "Aguardando a vez de ler o pedido no marketplace",
        nextAttemptAt,
      });
      return { item, call: null };
    }
    if (known !== "not_applied") {
      const error = "O marketplace não respondeu à leitura do pedido";
      return failed(
        known.unreadable,
        retryLater(update, now(), settle, label, error, null, known.unreadable, options.retryMaxMs),
      );
    }
  }
  const result = await adapter.pushUpdate({
    orderCode: context.code,
    kind: update.kind,
    payload: await payloadFor(db, update, context.logisticsMode),
    idempotencyKey: update.idempotencyKey,
  });
  if (result.outcome === "acknowledged") {
    return answered({
      item: settle({ state: "acknowledged", response: result.response, summary: `${channel} confirmou: ${label}` }),
    });
  }
  if (result.outcome === "rejected") {
    // Every protocol's refusal is read by the seller: the codes it names calls and fields by become words once, here.
    const reason = readableReason(result.reason);
    const item = settle({ state: "rejected", reason, summary: `${channel} recusou: ${label} — ${reason}` });
    return answered({ item });
  }
  if (
    result.outcome === "deferred" ||
    (result.outcome === "transient" && result.cause === "rate_limited" && result.retryAfterMs)
  ) {
    // The connections page says how long the marketplace's limit holds the seller's updates.
    recordRateLimitWait(db, connection.id, new Date(now().getTime() + (result.retryAfterMs ?? 0)));
  }
  if (result.outcome === "deferred") {
    // A little spread, so deferred updates do not all come back in the same instant. Nothing went out.
    const wait = result.retryAfterMs + Math.floor(Math.random() * 250);
    const item = settle({ state: "deferred", error: result.reason, nextAttemptAt: new Date(now().getTime() + wait) });
    return { item, call: null };
  }
  if (result.outcome === "awaiting_confirmation") {
    return answered({ item: awaitConfirmation(update, now(), settle, label, channel, result.checkAfterMs) });
  }
  return failed(
    result.cause,
    retryLater(update, now(), settle, label, result.error, result.retryAfterMs, result.cause, options.retryMaxMs),
  );
}

/** How long to wait before reading back an update the marketplace confirms later. */
const AWAIT_CHECK_MS = 30_000;

type Settle = (result: Settlement) => SettlementItem;

async function appliedOnMarketplace(
  adapter: ChannelAdapter,
  code: string,
  update: ClaimedUpdate,
): Promise<AppliedState | { unreadable: FailureCause } | { deferredMs: number }> {
  try {
    const order = await adapter.readOrder(code);
    return order ? updateStateOn(update.kind, update.payload, order) : "not_applied";
  } catch (error) {
    // Adapters type what they understood; anything else (a dropped connection, a timeout) had no answer.
    if (!(error instanceof MarketplaceCallError)) return { unreadable: "no_answer" };
    return error.retryAfterMs === null ? { unreadable: error.failure } : { deferredMs: error.retryAfterMs };
  }
}

function awaitConfirmation(
  update: ClaimedUpdate,
  now: Date,
  settle: Settle,
  label: string,
  channel: string,
  checkAfterMs: number,
): SettlementItem {
  if (update.attempts >= BACKOFF.maxAttempts) {
    return settle({
      state: "rejected",
      reason: `${channel} recebeu a atualização mas não a confirmou depois de ${update.attempts} consultas. Confira o pedido com o suporte do Fluxo antes de reenviar.`,
      summary: `${label}: ${channel} não confirmou`,
    });
  }
  return settle({
    state: "retrying",
    error: awaitingConfirmationNote(channel),
    nextAttemptAt: new Date(now.getTime() + checkAfterMs),
    summary: `${channel} recebeu: ${label}; aguardando confirmação`,
  });
}

function retryLater(
  update: ClaimedUpdate,
  now: Date,
  settle: Settle,
  label: string,
  error: string,
  retryAfterMs: number | null,
  cause: FailureCause,
  retryMaxMs: number | undefined,
): Outcome {
  const retry = settle({
    state: "retrying",
    error,
    nextAttemptAt: new Date(now.getTime() + nextDelayMs(update.attempts, retryAfterMs, Math.random, retryMaxMs)),
    summary: `${label}: tentativa ${update.attempts} falhou (${error})`,
  });
  if (update.attempts < BACKOFF.maxAttempts) return { item: retry };
  const item = settle({
    state: "rejected",
    reason: `${error}. Desistimos após ${update.attempts} tentativas; reenvie quando o marketplace voltar.`,
    summary: `${label}: o marketplace não respondeu após ${update.attempts} tentativas`,
  });
  return isOutageFailure(cause) ? { item, ifDown: retry } : { item };
}

/**
 * One pass: probe the connections taken for down whose turn has come, lease what is due (nothing of a connection
 * still down), send it (a few at a time per connection, each call's outcome recorded as it comes) and record each
 * answer. Returns how many updates were attempted.
 */
export async function replicateOnce(db: Db, options: ReplicateOptions): Promise<number> {
  const now = options.now ?? (() => new Date());
  await probeDueConnections(db, options.adapterFor, now, options.log ?? (() => {}));
  // Each pass leases under a name of its own: a pass that lost a row to another (it stalled past the lease) does
  // not record over the answer of the one that took it, even in the same worker.
  const owner = `${options.owner}:${randomBytes(4).toString("hex")}`;
  const claimed = claimDueUpdates(db, owner, now(), options.leaseMs, options.batch);
  if (claimed.length === 0) return 0;
  // A batch may wait on a marketplace's pace longer than the lease: while the pass is alive, its rows stay its own,
  // or another pass would send them again (issue 19: caught by the crash test on PostgreSQL).
  const keep = setInterval(() => {
    try {
      extendLeases(db, owner, new Date(now().getTime() + options.leaseMs));
    } catch {
      // A database that cannot be written now fails the settling too, and the rows are sent again after the lease.
    }
  }, options.leaseMs / 3);
  try {
    const attempts = await limitedPerGroup(
      claimed,
      (update) => `${update.accountId}|${update.channel}`,
      OUTAGE.callsInFlight,
      (update) => replicateOne(db, update, options),
    );
    const answers = attempts.map(({ item, call, ifDown }) =>
      ifDown && call && isDown(db, call.connection.id) ? ifDown : item,
    );
    settleUpdates(db, owner, answers, now(), (tx, answer) => afterAnswerRecorded(tx, answer, now));
  } finally {
    clearInterval(keep);
  }
  return claimed.length;
}

/** Replicates until nothing is due, with `lanes` passes in flight at once as the worker runs them. */
export async function replicateUntilIdle(db: Db, options: ReplicateOptions, lanes: number): Promise<number> {
  let attempted = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, lanes) }, async () => {
      for (let n = await replicateOnce(db, options); n > 0; n = await replicateOnce(db, options)) attempted += n;
    }),
  );
  return attempted;
}
