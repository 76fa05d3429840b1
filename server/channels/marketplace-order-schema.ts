import { z } from "zod";
import { CHANNEL_IDS, LOGISTICS_MODE_IDS } from "../domain/channels/channels";
import { ORDER_STATUSES } from "../domain/orders/status";

// Marketplace input is checked like any other (SPEC §6): a malformed order is skipped, never half-written.
export const marketplaceOrderSchema = z.object({
  code: z.string().min(1).max(60),
  channel: z.enum(CHANNEL_IDS),
  status: z.enum(ORDER_STATUSES),
  logisticsMode: z.enum(LOGISTICS_MODE_IDS),
  placedAt: z.iso.datetime({ offset: true }),
  approvedAt: z.iso.datetime({ offset: true }).nullable(),
  customer: z.object({
    name: z.string().min(1).max(200),
    document: z.string().min(11).max(18),
    email: z.string().max(200).nullable(),
    phone: z.string().max(40).nullable(),
  }),
  address: z.object({
    street: z.string().max(200),
    number: z.string().max(20),
    complement: z.string().max(200).nullable(),
    district: z.string().max(100),
    city: z.string().max(100),
    state: z.string().length(2),
    zip: z.string().max(10),
  }),
  items: z
    .array(
      z.object({
        sku: z.string().max(60),
        name: z.string().max(200),
        quantity: z.number().int().positive(),
        unitPriceCents: z.number().int().nonnegative(),
      }),
    )
    .min(1),
  shippingCents: z.number().int().nonnegative(),
  totalCents: z.number().int().nonnegative(),
  invoice: z.object({ accessKey: z.string() }).passthrough().nullable(),
  shipment: z.object({ carrier: z.string(), trackingCode: z.string(), method: z.string() }).passthrough().nullable(),
  cancellationRequested: z.boolean().optional().default(false),
  shipBy: z.iso.datetime({ offset: true }).nullable().optional(),
  seq: z.number().int(),
});
