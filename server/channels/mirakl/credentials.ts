import { normalizeCnpj } from "../../domain/documents";
import type { ChannelCredentials } from "../adapter";

/**
 * How the instance takes the NF-e (docs/CHANNELS.md, Carrefour): order custom fields (OR31) with codes the operator
 * defines, or the XML uploaded as an order document (OR74) of a type the operator defines. Carrefour publishes
 * neither, so the seller chooses per connection what Carrefour told them.
 */
export const MIRAKL_INVOICE_METHODS = ["additional_fields", "documents"] as const;
type MiraklInvoiceMethod = (typeof MIRAKL_INVOICE_METHODS)[number];

export interface MiraklCredentials {
  /** The shop API key, sent raw in Authorization. */
  apiKey: string;
  /** Only for a user with several shops; sent as shop_id on every call. */
  shopId: string | null;
  invoiceMethod: MiraklInvoiceMethod;
  /** Custom-field codes for the NF-e key, number and series (additional_fields). */
  nfeKeyField: string;
  nfeNumberField: string;
  nfeSeriesField: string;
  /** Document type code for the NF-e XML (documents). */
  nfeDocumentType: string;
}

/** Invented codes, said as such on the connections page and in docs/CHANNELS.md: the seller replaces them. */
export const MIRAKL_DEFAULT_FIELDS = {
  nfeKeyField: "nfe-key",
  nfeNumberField: "nfe-number",
  nfeSeriesField: "nfe-series",
  nfeDocumentType: "nfe-xml",
} as const;

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

/** The stored credentials of a connection, or null when the shop key is missing. */
export function miraklCredentials(stored: ChannelCredentials | null): MiraklCredentials | null {
  const apiKey = text(stored?.apiKey);
  if (!apiKey) return null;
  const method = text(stored?.invoiceMethod);
  return {
    apiKey,
    shopId: text(stored?.shopId),
    invoiceMethod: method === "documents" ? "documents" : "additional_fields",
    nfeKeyField: text(stored?.nfeKeyField) ?? MIRAKL_DEFAULT_FIELDS.nfeKeyField,
    nfeNumberField: text(stored?.nfeNumberField) ?? MIRAKL_DEFAULT_FIELDS.nfeNumberField,
    nfeSeriesField: text(stored?.nfeSeriesField) ?? MIRAKL_DEFAULT_FIELDS.nfeSeriesField,
    nfeDocumentType: text(stored?.nfeDocumentType) ?? MIRAKL_DEFAULT_FIELDS.nfeDocumentType,
  };
}

/**
 * The shop key the marketplace sandbox issues to a seller: derived from the CNPJ so the demo and the tests connect
 * without a sign-up step (sandbox/README.md, "Mirakl"). The sandbox takes both NF-e methods.
 */
export function sandboxMiraklCredentials(
  sellerCnpj: string,
  invoiceMethod: MiraklInvoiceMethod = "additional_fields",
): ChannelCredentials {
  return { apiKey: `mirakl-sandbox-${normalizeCnpj(sellerCnpj)}`, shopId: null, invoiceMethod };
}
