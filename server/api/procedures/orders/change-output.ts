import { z } from "zod";
import type { ChangeResult, Warning } from "@/server/domain/orders/commands/apply";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { FREE_TEXT, freeTextInput } from "@/server/domain/text/free-text";
import { parseBrDate } from "@/server/domain/time";

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

/** A day typed as dd/mm/aaaa (or sent as YYYY-MM-DD by an API client), handed to the domain as YYYY-MM-DD. */
export const dayInput = z.string().transform((text, ctx) => {
  const ymd = parseBrDate(text);
  if (ymd) return ymd;
  ctx.addIssue({ code: "custom", message: "Informe a data no formato dd/mm/aaaa, por exemplo 03/12/2026." });
  return z.NEVER;
});
