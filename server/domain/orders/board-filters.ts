import { z } from "zod";
import { CHANNEL_IDS } from "../channels/channels";
import { BOARD_REPLICATION_FILTERS } from "../replication/outbox-states";
import { isYmd } from "../time";
import { DEADLINE_FILTERS } from "./deadline-kinds";
import { ORDER_STATUSES } from "./status";

const ymd = z.string().refine(isYmd, { message: "Use uma data válida no formato AAAA-MM-DD." });

const periodInOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to;
const PERIOD_ORDER = { message: "A data inicial deve ser anterior ou igual à data final.", path: ["to"] };

/** A period of order dates, as the dashboard takes it. */
export const periodSchema = z.object({ from: ymd.optional(), to: ymd.optional() }).refine(periodInOrder, PERIOD_ORDER);

// Shared by the board's URL state and the list/count procedures.
export const boardFiltersSchema = z
  .object({
    status: z.enum(ORDER_STATUSES).optional(),
    channels: z.array(z.enum(CHANNEL_IDS)).max(CHANNEL_IDS.length).optional(),
    from: ymd.optional(),
    to: ymd.optional(),
    q: z.string().trim().max(100, { message: "A busca aceita até 100 caracteres." }).optional(),
    /** Orders in their current status for at least this many hours (the dashboard's age buckets). */
    stuckForHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .optional(),
    /** Shipped orders whose estimated delivery date has passed. */
    lateDelivery: z.boolean().optional(),
    /** Orders with an update to the marketplace in this state. */
    replication: z.enum(BOARD_REPLICATION_FILTERS).optional(),
    /** Orders with an open divergence from their marketplace. */
    divergent: z.boolean().optional(),
    /** Orders not canceled: those the dashboard's revenue adds up. */
    notCanceled: z.boolean().optional(),
    /** Open orders past their next deadline, or due by the end of today (São Paulo). */
    deadline: z.enum(DEADLINE_FILTERS).optional(),
  })
  .refine(periodInOrder, PERIOD_ORDER);

export type BoardFilters = z.infer<typeof boardFiltersSchema>;

export const PAGE_SIZE = 50;

/** The board's orders: newest placed first, or soonest deadline first (orders without one last). */
export const BOARD_SORTS = ["placed", "deadline"] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];
