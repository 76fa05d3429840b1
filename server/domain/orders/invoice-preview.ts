import { accessKeyInUse } from "../../../db/queries/invoices";
import { getOrderWithSellerCnpj } from "../../../db/queries/order-rows";
import { orderNotFound } from "../errors";
import { type AccessKeyCheck, checkAccessKey, type DecodedAccessKey } from "../invoice/access-key";
import { type NfeData, readNfeXml } from "../invoice/nfe-xml";
import type { SellerCommandContext } from "./commands/context";
import type { NfeMode } from "./commands/invoice";
import { keyOnlyInvoiceRefusal } from "./transitions";

function loadOrderAndCnpj(ctx: SellerCommandContext, orderId: number) {
  const row = getOrderWithSellerCnpj(ctx.db, ctx.accountId, orderId);
  if (!row) throw orderNotFound();
  return row;
}

export interface AccessKeyPreview {
  key: string;
  decoded: DecodedAccessKey;
  checks: AccessKeyCheck[];
  /** The channel refuses a key without the XML (Mercado Livre). */
  channelRefusal: string | null;
  alreadyUsed: boolean;
  ok: boolean;
}

/** What the invoice form shows while the seller types: each check passing or failing, before anything is saved. */
export function previewAccessKey(ctx: SellerCommandContext, orderId: number, input: string): AccessKeyPreview {
  const { order, cnpj } = loadOrderAndCnpj(ctx, orderId);
  const result = checkAccessKey(input, { sellerCnpj: cnpj, orderPlacedAt: order.placedAt, now: ctx.now ?? new Date() });
  const alreadyUsed = result.ok && accessKeyInUse(ctx.db, result.key);
  const channelRefusal = keyOnlyInvoiceRefusal(order.channel);
  return {
    key: result.key,
    decoded: result.decoded,
    checks: result.checks,
    channelRefusal,
    alreadyUsed,
    ok: result.ok && !alreadyUsed && channelRefusal === null,
  };
}

export type XmlPreview =
  | { ok: true; nfe: NfeData; warnings: { code: string; message: string }[]; alreadyUsed: boolean }
  | { ok: false; error: { code: string; message: string } };

/** Reads an uploaded NF-e against the order so the seller sees what was read and every difference before confirming. */
export function previewInvoiceXml(
  ctx: SellerCommandContext & { nfeMode: NfeMode },
  orderId: number,
  xml: Uint8Array,
): XmlPreview {
  const { order, cnpj } = loadOrderAndCnpj(ctx, orderId);
  const read = readNfeXml(xml, {
    sellerCnpj: cnpj,
    orderCustomerDocument: order.customerDocument,
    orderTotalCents: order.totalCents,
    orderPlacedAt: order.placedAt,
    mode: ctx.nfeMode,
    now: ctx.now ?? new Date(),
  });
  if (!read.ok) return { ok: false, error: read.error };
  return { ok: true, nfe: read.nfe, warnings: read.warnings, alreadyUsed: accessKeyInUse(ctx.db, read.nfe.accessKey) };
}
