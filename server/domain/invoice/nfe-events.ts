// Cancellation never rewrites protNFe (it stays at cStat 100), so a canceled NF-e is recognised by the registered
// cancellation event that emitters append to the file: procEventoNFe (evento + retEvento) or a bare retEvento.
import { parseBrazilDateTime } from "../time";
import { findElements, firstChild, textOf, type XmlNode } from "./xml-tree";

const CANCEL_EVENT_TYPES = new Set(["110111", "110112"]);
/** 135 registered and linked, 136 registered but not linked, 155 canceled after the deadline. */
const REGISTERED_STATUSES = new Set(["135", "136", "155"]);

export type Cancellation = { protocol: string | null; registeredAt: Date | null };

export function findCancellation(root: XmlNode, accessKey: string): Cancellation | null {
  for (const { node: retEvento, parent } of findElements(root, "retEvento")) {
    const result = firstChild(retEvento, "infEvento");
    // The request half of procEventoNFe carries the event type and key when the response omits them.
    const request = firstChild(firstChild(parent, "evento"), "infEvento");
    const type = textOf(result, "tpEvento") ?? textOf(request, "tpEvento");
    const status = textOf(result, "cStat");
    const key = textOf(result, "chNFe") ?? textOf(request, "chNFe");
    if (!type || !CANCEL_EVENT_TYPES.has(type) || !status || !REGISTERED_STATUSES.has(status)) continue;
    if (key !== undefined && key !== accessKey) continue;
    const registeredAt = textOf(result, "dhRegEvento");
    return {
      protocol: textOf(result, "nProt") ?? null,
      registeredAt: registeredAt ? parseBrazilDateTime(registeredAt) : null,
    };
  }
  return null;
}
