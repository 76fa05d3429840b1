import { z } from "zod";
import {
  acceptMarketplaceState,
  markHandledManually,
  resendHubState,
  resolveWithNote,
  type SupportContext,
} from "@/server/domain/divergences/actions";
import { FREE_TEXT, freeTextInput } from "@/server/domain/text/free-text";
import type { SessionUser } from "../../session";
import { staffProcedure, syncParse } from "../../trpc";

const ok = z.object({ ok: z.literal(true) });
const byId = z.object({ id: z.number().int().positive() });

function supportContext(ctx: { db: SupportContext["db"]; user: SessionUser }): SupportContext {
  return { db: ctx.db, actor: { type: "user", userId: ctx.user.id, name: `${ctx.user.name} (suporte)` } };
}

export const resend = staffProcedure
  .input(syncParse(byId))
  .output(syncParse(ok))
  .mutation(({ ctx, input }) => {
    resendHubState(supportContext(ctx), input.id);
    return { ok: true as const };
  });

export const acceptMarketplace = staffProcedure
  .input(syncParse(byId))
  .output(syncParse(ok))
  .mutation(({ ctx, input }) => {
    acceptMarketplaceState(supportContext(ctx), input.id);
    return { ok: true as const };
  });

export const handleManually = staffProcedure
  .input(syncParse(byId.extend({ note: freeTextInput(FREE_TEXT.optionalSupportNote).optional() })))
  .output(syncParse(ok))
  .mutation(({ ctx, input }) => {
    markHandledManually(supportContext(ctx), input.id, input.note ?? "");
    return { ok: true as const };
  });

export const resolve = staffProcedure
  .input(syncParse(byId.extend({ note: freeTextInput(FREE_TEXT.supportNote) })))
  .output(syncParse(ok))
  .mutation(({ ctx, input }) => {
    resolveWithNote(supportContext(ctx), input.id, input.note);
    return { ok: true as const };
  });
