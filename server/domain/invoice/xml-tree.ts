// Safe parsing of untrusted XML into a plain tree, and the few ways the NF-e reader walks it.
// Entities are never expanded: DTDs are refused before parsing and only the five predefined entities and numeric
// character references are decoded, after parsing, in text values.
import { XMLParser, XMLValidator } from "fast-xml-parser";

export type XmlNode = { readonly [name: string]: unknown };

/** Raised when the tree is well-formed XML but not shaped like the document we expect. */
export class XmlShapeError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  // Values stay text: as numbers, keys become floats and CNPJs lose leading zeros.
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

export type ParsedXml = { ok: true; tree: XmlNode } | { ok: false; line: number | null; column: number | null };

/** Checks well-formedness first: the parser alone accepts broken documents such as unclosed tags. */
export function parseXml(text: string): ParsedXml {
  const validation = XMLValidator.validate(text);
  if (validation !== true) return { ok: false, line: validation.err.line, column: validation.err.col };
  try {
    return { ok: true, tree: parser.parse(text) as XmlNode };
  } catch {
    // The parser refuses what the validator lets through, e.g. tags named __proto__ or absurd nesting.
    return { ok: false, line: null, column: null };
  }
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An element's occurrences as nodes; an empty element (<a/>) parses as "" and counts as an empty node. */
export function nodesOf(value: unknown): XmlNode[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => (isNode(item) ? item : {}));
}

function own(node: XmlNode, name: string): unknown {
  return Object.hasOwn(node, name) ? node[name] : undefined;
}

/** The only `name` child of `node`; a repeated element where NF-e allows one is refused rather than guessed. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  const found = nodesOf(own(node, name));
  if (found.length > 1) throw new XmlShapeError(name);
  return found[0];
}

/** First `name` child, for optional parts where repetition is harmless. */
export function firstChild(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node ? nodesOf(own(node, name))[0] : undefined;
}

const PREDEFINED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|(lt|gt|amp|quot|apos));/g, (match, hex, dec, name) => {
    if (name) return PREDEFINED_ENTITIES[name as string] ?? match;
    const codePoint = Number.parseInt((hex ?? dec) as string, hex ? 16 : 10);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : match;
  });
}

/** Text of the only `name` child, or undefined when absent or not a text element. */
export function textOf(node: XmlNode | undefined, name: string): string | undefined {
  if (!node) return undefined;
  const value = own(node, name);
  if (Array.isArray(value)) throw new XmlShapeError(name);
  if (typeof value === "string") return decodeEntities(value);
  if (isNode(value) && typeof value["#text"] === "string") return decodeEntities(value["#text"]);
  return undefined;
}

export function attributeOf(node: XmlNode | undefined, name: string): string | undefined {
  const value = node ? own(node, `@_${name}`) : undefined;
  return typeof value === "string" ? decodeEntities(value) : undefined;
}

/** Every element named `name` at any depth, with its parent; iterative, so deep trees cannot overflow the stack. */
export function findElements(root: XmlNode, name: string): Array<{ node: XmlNode; parent: XmlNode }> {
  const found: Array<{ node: XmlNode; parent: XmlNode }> = [];
  const stack: XmlNode[] = [root];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    for (const [key, value] of Object.entries(parent)) {
      if (key.startsWith("@_") || key === "#text") continue;
      for (const node of nodesOf(value)) {
        if (key === name) found.push({ node, parent });
        stack.push(node);
      }
    }
  }
  return found;
}
