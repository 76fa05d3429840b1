import { z } from "zod";
import { activeKeyNameTaken, insertErpKey } from "@/db/queries/erp-keys";
import { DomainError } from "@/server/domain/errors";
import { freeTextInput } from "@/server/domain/text/free-text";
import { newErpKey } from "@/server/erp-api/keys";
import { erpKeysProcedure, syncParse } from "../../trpc";

const name = freeTextInput({ field: "name", min: 2, max: 60, what: "o nome da chave", example: "Bling, ERP da loja" });

/** A new key for the account's ERP: the key itself is in this answer only; the hub keeps its hash. */
export const createErpKey = erpKeysProcedure
  .input(syncParse(z.object({ name })))
  .output(syncParse(z.object({ id: z.number(), name: z.string(), userEmail: z.string(), key: z.string() })))
  .mutation(({ ctx, input }) => {
    if (/[\r\n\t]/.test(input.name)) {
      throw new DomainError("INVALID_INPUT", "Escreva o nome da chave em uma linha só.", "name");
    }
    if (activeKeyNameTaken(ctx.db, ctx.accountId, input.name)) {
      throw new DomainError("INVALID_INPUT", "Já existe uma chave ativa com este nome: escolha outro.", "name");
    }
    const key = newErpKey();
    const id = insertErpKey(ctx.db, {
      accountId: ctx.accountId,
      name: input.name,
      userEmail: ctx.user.email,
      keyHash: key.hash,
      keyPrefix: key.prefix,
      createdByUserId: ctx.user.id,
      now: new Date(),
    });
    return { id, name: input.name, userEmail: ctx.user.email, key: key.key };
  });
