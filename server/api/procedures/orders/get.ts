import { z } from "zod";
import { getOrderDetail } from "@/db/queries/orders";
import { CHANNEL_IDS, LOGISTICS_MODE_IDS } from "@/server/domain/channels/channels";
import { DIVERGENCE_KINDS } from "@/server/domain/divergences/kinds";
import { orderNotFound } from "@/server/domain/errors";
import { DEADLINE_KINDS } from "@/server/domain/orders/deadline-kinds";
import { deadlineView } from "@/server/domain/orders/deadlines";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { OUTBOX_STATES } from "@/server/domain/replication/outbox-states";
import { accountProcedure, syncParse } from "../../trpc";
import { shippingAddressFields } from "./shipping-address";

const date = z.date();
const status = z.enum(ORDER_STATUSES);

export const getOrderOutput = z.object({
  order: z.object({
    id: z.number(),
    accountId: z.number(),
    channel: z.enum(CHANNEL_IDS),
    marketplaceCode: z.string(),
    logisticsMode: z.enum(LOGISTICS_MODE_IDS),
    status,
    cancellationRequestedAt: date.nullable(),
    cancellationReason: z.string().nullable(),
    handledManuallyAt: date.nullable(),
    placedAt: date,
    approvedAt: date.nullable(),
    estimatedDeliveryAt: date.nullable(),
    statusChangedAt: date,
    customerName: z.string(),
    customerDocument: z.string(),
    customerEmail: z.string().nullable(),
    customerPhone: z.string().nullable(),
    ...shippingAddressFields,
    itemsCents: z.number(),
    shippingCents: z.number(),
    totalCents: z.number(),
    accessKey: z.string().nullable(),
    trackingCode: z.string().nullable(),
    version: z.number(),
  }),
  items: z.array(
    z.object({ id: z.number(), sku: z.string(), name: z.string(), quantity: z.number(), unitPriceCents: z.number() }),
  ),
  invoices: z.array(
    z.object({
      id: z.number(),
      accessKey: z.string(),
      source: z.enum(["key", "xml"]),
      xmlFileName: z.string().nullable(),
      series: z.string(),
      number: z.string(),
      issuedAt: date.nullable(),
      totalCents: z.number().nullable(),
      createdAt: date,
    }),
  ),
  shipments: z.array(
    z.object({
      id: z.number(),
      carrier: z.string(),
      trackingCode: z.string(),
      method: z.string(),
      trackingUrl: z.string().nullable(),
      handedAt: date,
      createdAt: date,
    }),
  ),
  timeline: z.array(
    z.object({
      id: z.number(),
      at: date,
      actorType: z.enum(["user", "channel", "system"]),
      actorName: z.string(),
      kind: z.string(),
      fromStatus: status.nullable(),
      toStatus: status.nullable(),
      summary: z.string(),
      data: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  replication: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      state: z.enum(OUTBOX_STATES),
      attempts: z.number(),
      nextAttemptAt: date.nullable(),
      lastError: z.string().nullable(),
      createdAt: date,
      updatedAt: date,
    }),
  ),
  openDivergences: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(DIVERGENCE_KINDS),
      likelyCause: z.string(),
      openedAt: date,
      // The hub's side when a check last confirmed it: the order page drops a finding about an earlier status.
      hubState: z.record(z.string(), z.unknown()),
    }),
  ),
  deadline: z
    .object({
      kind: z.enum(DEADLINE_KINDS),
      at: date,
      state: z.enum(["late", "today", "upcoming"]),
      sentence: z.string(),
    })
    .nullable(),
});

export const get = accountProcedure
  .input(syncParse(z.object({ id: z.number().int().positive() })))
  .output(syncParse(getOrderOutput))
  .query(({ ctx, input }) => {
    const detail = getOrderDetail(ctx.db, ctx.accountId, input.id);
    if (!detail) throw orderNotFound();
    return { ...detail, deadline: deadlineView(detail.order, new Date()) };
  });
