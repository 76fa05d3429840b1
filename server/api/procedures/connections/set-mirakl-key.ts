import { z } from "zod";
import {
  accountConnection,
  recordConnectionHealth,
  saveSealedCredentials,
  setConnectionBaseUrl,
} from "@/db/queries/connections";
import { MIRAKL_DEFAULT_FIELDS, MIRAKL_INVOICE_METHODS } from "@/server/channels/mirakl/credentials";
import { connectionSetup } from "@/server/domain/channels/connection-setup";
import { DomainError } from "@/server/domain/errors";
import { encryptSecret, secretKeys } from "@/server/security/secrets";
import { connectionProcedure, syncParse } from "../../trpc";

const code = (what: string) =>
  z
    .string()
    .trim()
    .max(100, `O código ${what} pode ter até 100 caracteres.`)
    .regex(/^[A-Za-z0-9._-]*$/, `O código ${what} tem só letras, números, ponto, hífen ou sublinhado, como no painel.`)
    .optional();

/**
 * Stores a Mirakl shop's connection (Carrefour): the instance's address, the shop key (and the shop id for a user
 * with several shops), and how this instance takes the NF-e, which Carrefour tells the seller and does not publish.
 */
export const setMiraklKey = connectionProcedure
  .input(
    syncParse(
      z.object({
        channel: z.literal("carrefour"),
        baseUrl: z
          .url({
            protocol: /^https?$/,
            error: "Informe o endereço da instância Mirakl do Carrefour, começando com https://.",
          })
          .max(300, "O endereço pode ter até 300 caracteres."),
        apiKey: z
          .string()
          .trim()
          .min(8, "Cole a chave da loja completa, como aparece no painel do Carrefour.")
          .max(200, "A chave da loja pode ter até 200 caracteres.")
          .regex(/^[\x21-\x7e]+$/, "A chave da loja não pode ter espaços nem acentos; cole-a de novo."),
        shopId: z
          .string()
          .trim()
          .regex(/^\d*$/, "O ID da loja tem só números; deixe em branco se a chave abre uma loja só.")
          .optional(),
        invoiceMethod: z.enum(MIRAKL_INVOICE_METHODS, "Escolha como o Carrefour recebe a NF-e."),
        nfeKeyField: code("do campo da chave"),
        nfeNumberField: code("do campo do número"),
        nfeSeriesField: code("do campo da série"),
        nfeDocumentType: code("do tipo de documento"),
      }),
    ),
  )
  .output(syncParse(z.object({ ok: z.literal(true) })))
  .mutation(({ ctx, input }) => {
    const connection = accountConnection(ctx.db, ctx.accountId, input.channel);
    if (!connection || connectionSetup(input.channel).setup !== "shop_key") {
      throw new DomainError(
        "CHANNEL_RULE",
        "Esta conta não tem conexão com o Carrefour pela API Mirakl para receber a chave.",
      );
    }
    const credentials = {
      apiKey: input.apiKey,
      shopId: input.shopId || null,
      invoiceMethod: input.invoiceMethod,
      nfeKeyField: input.nfeKeyField || MIRAKL_DEFAULT_FIELDS.nfeKeyField,
      nfeNumberField: input.nfeNumberField || MIRAKL_DEFAULT_FIELDS.nfeNumberField,
      nfeSeriesField: input.nfeSeriesField || MIRAKL_DEFAULT_FIELDS.nfeSeriesField,
      nfeDocumentType: input.nfeDocumentType || MIRAKL_DEFAULT_FIELDS.nfeDocumentType,
    };
    const now = new Date();
    setConnectionBaseUrl(ctx.db, connection.id, input.baseUrl);
    saveSealedCredentials(ctx.db, connection.id, encryptSecret(JSON.stringify(credentials), secretKeys()), null);
    recordConnectionHealth(ctx.db, connection.id, { lastError: null, at: now });
    return { ok: true as const };
  });
