import { z } from "zod";
import type { ChangeResult, Warning } from "@/server/domain/orders/commands/apply";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { FREE_TEXT, freeTextInput } from "@/server/domain/text/free-text";

export const orderRefInput = z.object({
  orderId: z.number().int().positive(),
  /** The order version the form was loaded with: a stale form gets CONFLICT. */
  version: z.number().int().positive(),
});

export const changeOutput = z.object({
  orderId: z.number(),
  status: z.enum(ORDER_STATUSES),
  version: z.number(),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  heldNotice: z.string().nullable(),
});

export function toChangeOutput(result: ChangeResult, warnings: Warning[] = [], heldNotice: string | null = null) {
  return { orderId: result.order.id, status: result.order.status, version: result.order.version, warnings, heldNotice };
}

export const reasonInput = freeTextInput(FREE_TEXT.reason);

export const dayInput = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Informe a data no formato DD/MM/AAAA.");
