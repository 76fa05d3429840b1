import { decodeAccessKey } from "./access-key-parts";

/**
 * The NF-e's number and series as a marketplace that wants them beside the key reads them (Zoom's shipped update):
 * taken from the key itself, so they can never disagree with it. Without leading zeros, as the NF-e's own `nNF`
 * and `serie` are written.
 */
export function invoiceNumberFields(accessKey: string): { invoiceNumber: string; invoiceSeries: string } | null {
  const { number, series } = decodeAccessKey(accessKey);
  if (number === null || series === null) return null;
  return { invoiceNumber: String(number), invoiceSeries: String(series) };
}
