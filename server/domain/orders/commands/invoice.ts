import { createHash } from "node:crypto";
import { sellerAccountCnpj } from "../../../../db/queries/accounts";
import { openDivergenceCauses } from "../../../../db/queries/divergences";
import { accessKeyInUse, insertInvoice } from "../../../../db/queries/invoices";
import { getOrderRow } from "../../../../db/queries/order-rows";
import { heldInvoiceNotice, invoiceHeldUntilShipment } from "../../channels/rules";
import { normalizeCnpj } from "../../documents/cnpj";
import { DomainError, orderNotFound } from "../../errors";
import { ACCESS_KEY_ERROR_CODES, checkAccessKey, decodeAccessKey } from "../../invoice/access-key";
import { checkNfeForOrder, type NfeData, readNfeXml } from "../../invoice/nfe-xml";
import { keyOnlyInvoiceRefusal } from "../transitions";
import { applyOrderChange, type ChangeResult, type OrderRow, staleVersion, type Warning } from "./apply";
import { ensureSellerMay, type OrderRef, type SellerCommandContext } from "./context";

export type InvoiceSubmission =
  | { method: "key"; accessKey: string }
  | {
      method: "xml";
      fileName: string;
      xml: Uint8Array;
      /**
       * The note as readNfeXml read it from `xml` earlier, for this account and NF-e mode but without an order (a
       * bulk upload reads its notes in a worker thread, outside any transaction): only the order's checks are left.
       */
      nfe?: NfeData;
    };

export type InvoiceInput = OrderRef & { invoice: InvoiceSubmission };

/** Production refuses homologation NF-e; the demo and tests, wired to the marketplace sandbox, accept them. */
export type NfeMode = "production" | "sandbox";

export interface InvoiceContext extends SellerCommandContext {
  nfeMode: NfeMode;
}

export interface InvoiceResult extends ChangeResult {
  warnings: Warning[];
  /** The invoice waits for the shipment before it reaches the marketplace; this says so in plain words. */
  heldNotice: string | null;
}

interface CheckedInvoice {
  accessKey: string;
  series: string;
  number: string;
  issuedAt: Date | null;
  totalCents: number | null;
  xml: Buffer | null;
  fileName: string | null;
  warnings: Warning[];
}

export function sellerCnpj(ctx: SellerCommandContext): string {
  const cnpj = sellerAccountCnpj(ctx.db, ctx.accountId);
  if (cnpj === null) throw new DomainError("ACCOUNT_NOT_FOUND", "Conta de vendedor não encontrada.");
  return cnpj;
}

function checkSubmission(
  ctx: InvoiceContext,
  order: OrderRow,
  submission: InvoiceSubmission,
  now: Date,
): CheckedInvoice {
  const cnpj = sellerCnpj(ctx);
  if (submission.method === "key") {
    const refusal = keyOnlyInvoiceRefusal(order.channel);
    if (refusal) throw new DomainError("CHANNEL_RULE", refusal, "accessKey");
    const result = checkAccessKey(submission.accessKey, { sellerCnpj: cnpj, orderPlacedAt: order.placedAt, now });
    if (result.firstError) {
      throw new DomainError(ACCESS_KEY_ERROR_CODES[result.firstError.id], result.firstError.message, "accessKey");
    }
    const decoded = decodeAccessKey(result.key);
    return {
      accessKey: result.key,
      series: String(decoded.series ?? 0).padStart(3, "0"),
      number: String(decoded.number ?? 0).padStart(9, "0"),
      issuedAt: null,
      totalCents: null,
      xml: null,
      fileName: null,
      warnings: [],
    };
  }
  const forOrder = {
    orderCustomerDocument: order.customerDocument,
    orderTotalCents: order.totalCents,
    orderPlacedAt: order.placedAt,
    now,
  };
  // A note read for another CNPJ (the account's changed since) is read again rather than trusted.
  const read =
    submission.nfe?.emitterCnpj === normalizeCnpj(cnpj)
      ? checkNfeForOrder(submission.nfe, forOrder)
      : readNfeXml(submission.xml, { sellerCnpj: cnpj, mode: ctx.nfeMode, ...forOrder });
  if (!read.ok) throw new DomainError(read.error.code, read.error.message, "xml");
  return {
    accessKey: read.nfe.accessKey,
    series: String(read.nfe.series).padStart(3, "0"),
    number: String(read.nfe.number).padStart(9, "0"),
    issuedAt: read.nfe.issuedAt,
    totalCents: read.nfe.totalCents,
    // Kept byte for byte: it is the seller's fiscal record.
    xml: Buffer.from(submission.xml),
    fileName: submission.fileName.slice(0, 200),
    warnings: read.warnings,
  };
}

function ensureKeyUnused(ctx: SellerCommandContext, accessKey: string): void {
  if (accessKeyInUse(ctx.db, accessKey)) {
    throw new DomainError(
      "ACCESS_KEY_IN_USE",
      "Esta chave de acesso já foi usada em outro pedido. Confira se a nota é mesmo deste pedido.",
      "accessKey",
    );
  }
}

export function divergenceWarnings(ctx: SellerCommandContext, orderId: number): Warning[] {
  return openDivergenceCauses(ctx.db, ctx.accountId, orderId).map((likelyCause) => ({
    code: "OPEN_DIVERGENCE",
    message: `Este pedido está divergente do marketplace (${likelyCause}). A atualização foi registrada; o suporte vai conferir.`,
  }));
}

/** APPROVED → INVOICED with an access key or an NF-e XML, every SPEC §3 check on the server. */
export function invoiceOrder(ctx: InvoiceContext, input: InvoiceInput): InvoiceResult {
  const now = ctx.now ?? new Date();
  const order = getOrderRow(ctx.db, ctx.accountId, input.orderId);
  if (!order) throw orderNotFound();
  // A stale form first: what it shows is no longer the order, so any other message would mislead.
  if (order.version !== input.version) throw staleVersion();
  // Then the flow: a key typed on an order that cannot be invoiced is not worth checking.
  ensureSellerMay(order, "invoice");
  const checked = checkSubmission(ctx, order, input.invoice, now);
  ensureKeyUnused(ctx, checked.accessKey);
  const held = invoiceHeldUntilShipment(order.channel, order.logisticsMode);
  const heldNotice = held ? heldInvoiceNotice(order.channel) : null;
  const via = checked.xml ? `pelo XML (${checked.fileName})` : "pela chave de acesso";

  const result = applyOrderChange(ctx.db, {
    accountId: ctx.accountId,
    orderId: order.id,
    expectedVersion: input.version,
    actor: ctx.actor,
    now,
    check: (current) => ensureSellerMay(current, "invoice"),
    to: () => "INVOICED",
    kind: "order.invoiced",
    summary: `Nota fiscal informada ${via}${heldNotice ? `. ${heldNotice}` : ""}`,
    data: {
      accessKey: checked.accessKey,
      source: input.invoice.method,
      warnings: checked.warnings.map((w) => w.message),
    },
    patch: () => ({ accessKey: checked.accessKey }),
    write: (tx, current, at) => {
      insertInvoice(tx, {
        orderId: current.id,
        accountId: ctx.accountId,
        accessKey: checked.accessKey,
        source: input.invoice.method,
        xml: checked.xml,
        xmlFileName: checked.fileName,
        xmlSha256: checked.xml ? createHash("sha256").update(checked.xml).digest("hex") : null,
        series: checked.series,
        number: checked.number,
        issuedAt: checked.issuedAt,
        totalCents: checked.totalCents,
        createdAt: at,
        createdByUserId: ctx.actor.userId,
      });
    },
    outbox: () => [
      {
        kind: "invoice",
        state: held ? "held" : "pending",
        payload: {
          accessKey: checked.accessKey,
          hasXml: checked.xml !== null,
          issuedAt: checked.issuedAt?.toISOString() ?? null,
        },
      },
    ],
  });
  return { ...result, warnings: [...checked.warnings, ...divergenceWarnings(ctx, order.id)], heldNotice };
}
