import { z } from "zod";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { DIFFERENCE_FIELDS } from "@/server/domain/invoice-import/differences";
import { INVOICE_IMPORT_VERDICTS, INVOICE_MATCH_SOURCES } from "@/server/domain/invoice-import/kinds";
import { ORDER_STATUSES } from "@/server/domain/orders/status";

const id = (what: string) => z.number().int().positive(`${what} inválido.`);

export const importRef = z.object({ importId: id("Envio de notas") });
export const rowRef = importRef.extend({ rowId: id("Número de linha") });

const orderSummary = z.object({
  id: z.number(),
  marketplaceCode: z.string(),
  channel: z.enum(CHANNEL_IDS),
  status: z.enum(ORDER_STATUSES),
  customerName: z.string(),
  customerDocument: z.string(),
  totalCents: z.number(),
  placedAt: z.date(),
  version: z.number(),
});

export const importRowView = z.object({
  id: z.number(),
  position: z.number(),
  fileName: z.string(),
  verdict: z.enum(INVOICE_IMPORT_VERDICTS),
  reason: z.string(),
  matchedBy: z.enum(INVOICE_MATCH_SOURCES).nullable(),
  nfe: z
    .object({
      accessKey: z.string(),
      series: z.number(),
      number: z.number(),
      totalCents: z.number(),
      issuedAt: z.string().nullable(),
      recipientDocument: z.string().nullable(),
      recipientName: z.string().nullable(),
      purchaseOrders: z.array(z.string()),
      additionalInfo: z.string().nullable(),
    })
    .nullable(),
  order: orderSummary.nullable(),
  candidates: z.array(orderSummary),
  warnings: z.array(z.string()),
  dropped: z.boolean(),
  conflict: z.string().nullable(),
  canChoose: z.boolean(),
  difference: z
    .object({
      items: z.array(
        z.object({
          field: z.enum(DIFFERENCE_FIELDS),
          label: z.string(),
          order: z.string(),
          note: z.string(),
        }),
      ),
      confirmed: z.boolean(),
    })
    .nullable(),
  ready: z.boolean(),
  result: z.object({ ok: z.boolean(), message: z.string() }).nullable(),
});

/** Where an upload stands (server/domain/invoice-import/state.ts), in the view and in the list of recent uploads. */
export const importProgress = z.object({
  id: z.number(),
  createdAt: z.date(),
  notes: z.number(),
  invoiced: z.number(),
  waiting: z.number(),
  confirmedAt: z.date().nullable(),
  closed: z.boolean(),
  progress: z.string(),
});

export const importView = importProgress.extend({ rows: z.array(importRowView) });
