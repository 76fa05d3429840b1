// Shapes of the update payloads. Messages name the field by its JSON path, because the reader is a developer
// wiring the hub's client, and the path says exactly what to fix.
import { z } from "zod";

export const UPDATE_KINDS = [
  "invoice",
  "shipment",
  "delivered",
  "delivery_problem",
  "cancel",
  "accept",
  "refuse",
] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

export function isUpdateKind(value: unknown): value is UpdateKind {
  return typeof value === "string" && (UPDATE_KINDS as readonly string[]).includes(value);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const text = (what: string, max = 500) =>
  z
    .string({ error: `informe ${what}.` })
    .trim()
    .min(1, `informe ${what}.`)
    .max(max, `${what} pode ter até ${max} caracteres.`);

const date = (what: string) =>
  z
    .string({ error: `informe ${what}.` })
    .refine(
      (s) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(s)),
      `${what} deve ser uma data ISO 8601 (ex.: 2026-03-10 ou 2026-03-10T14:30:00-03:00).`,
    );

export const shipmentDataSchema = z.object({
  carrier: text("a transportadora", 60),
  trackingCode: text("o código de rastreio", 60),
  method: text("a forma de envio (ex.: PAC, SEDEX)", 60),
  url: z.string().trim().max(200, "o link de rastreio pode ter até 200 caracteres.").nullish(),
  handedAt: date("a data de entrega à transportadora"),
});

const schemas = {
  invoice: z.object({
    accessKey: z.string({ error: "informe a chave de acesso da NF-e (44 caracteres)." }),
    issuedAt: date("a data de emissão da nota").nullish(),
    xmlBase64: z.string({ error: "envie o XML da NF-e codificado em base64." }).nullish(),
    shipment: shipmentDataSchema.nullish(),
    invoiceNumber: z.string().trim().max(9, "o número da NF-e tem até 9 dígitos.").nullish(),
    invoiceSeries: z.string().trim().max(3, "a série da NF-e tem até 3 dígitos.").nullish(),
  }),
  shipment: shipmentDataSchema.extend({ invoiceKey: z.string().nullish() }),
  delivered: z.object({ deliveredAt: date("a data da entrega") }),
  delivery_problem: z.object({
    occurredAt: date("a data da ocorrência"),
    observation: text("a observação sobre o problema de entrega", 1000),
  }),
  cancel: z.object({ reason: text("o motivo do cancelamento") }),
  accept: z.object({}).nullish(),
  refuse: z.object({ reason: text("o motivo da recusa") }),
} satisfies Record<UpdateKind, z.ZodType>;

export type Payloads = { [K in UpdateKind]: z.output<(typeof schemas)[K]> };
export type ShipmentData = z.output<typeof shipmentDataSchema>;

export function parsePayload<K extends UpdateKind>(
  kind: K,
  payload: unknown,
): { ok: true; data: Payloads[K] } | { ok: false; reason: string } {
  const parsed = schemas[kind].safeParse(payload);
  if (parsed.success) return { ok: true, data: parsed.data as Payloads[K] };
  const issue = parsed.error.issues[0];
  if (!issue || issue.path.length === 0) {
    return { ok: false, reason: "payload: envie um objeto JSON com os dados da atualização." };
  }
  return { ok: false, reason: `payload.${issue.path.join(".")}: ${issue.message}` };
}
