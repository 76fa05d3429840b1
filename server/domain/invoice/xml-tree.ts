// Safe parsing of untrusted XML into a plain tree, and the few ways the NF-e reader walks it.
// Entities are never expanded: DTDs are refused before parsing and only the five predefined entities and numeric
// character references are decoded, after parsing, in text values.
import { XMLParser, XMLValidator } from "fast-xml-parser";

export type XmlNode = { readonly [name: string]: unknown };

/** Raised when the tree is well-formed XML but not shaped like the document we expect. */
export class XmlShapeError extends Error {}

const options = {
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Values stay text: as numbers, keys become floats and CNPJs lose leading zeros.
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
};
const parser = new XMLParser({ ...options, removeNSPrefix: true });
// Removing prefixes also drops the xmlns declarations, so namespaces are resolved on a second tree that keeps both.
const qualifiedParser = new XMLParser({ ...options, removeNSPrefix: false });

export type ParsedXml =
  | {
      ok: true;
      /** Elements and attributes by local name, the tree the readers walk. */
      tree: XmlNode;
      /** The same document with prefixes and xmlns attributes kept, for namespaceAt. */
      qualified: XmlNode;
    }
  | { ok: false; line: number | null; column: number | null };

/** Checks well-formedness first: the parser alone accepts broken documents such as unclosed tags. */
export function parseXml(text: string): ParsedXml {
  const validation = XMLValidator.validate(text);
  if (validation !== true) return { ok: false, line: validation.err.line, column: validation.err.col };
  try {
    return { ok: true, tree: parser.parse(text) as XmlNode, qualified: qualifiedParser.parse(text) as XmlNode };
  } catch {
    // The parser refuses what the validator lets through, e.g. tags named __proto__ or absurd nesting.
    return { ok: false, line: null, column: null };
  }
}

function localName(qualifiedName: string): string {
  return qualifiedName.slice(qualifiedName.indexOf(":") + 1);
}

/**
 * The namespace URI of the element reached by `path` (local names from the document root) in a qualified tree: the
 * default xmlns or the xmlns:prefix of its own prefix, declared on the element or its nearest ancestor declaring it.
 * Null when the element is in no namespace (or uses an undeclared prefix); undefined when the path does not lead to
 * exactly one element.
 */
export function namespaceAt(qualified: XmlNode, path: readonly string[]): string | null | undefined {
  // A Map, not an object: prefixes come from the document and may be named like Object.prototype members.
  let scope = new Map<string, string>();
  let node = qualified;
  let prefix = "";
  for (const name of path) {
    const elements = Object.keys(node).filter((key) => !key.startsWith("@_") && !key.startsWith("#"));
    const [match, ...others] = elements.filter((key) => localName(key) === name);
    const [found, ...repeated] = match === undefined ? [] : nodesOf(own(node, match));
    if (match === undefined || found === undefined || others.length > 0 || repeated.length > 0) return undefined;
    node = found;
    prefix = match.includes(":") ? match.slice(0, match.indexOf(":")) : "";
    scope = new Map([...scope, ...declarations(node)]);
  }
  return scope.get(prefix) || null;
}

/** xmlns="" un-declares the default namespace, so an empty value is kept and read as no namespace. */
function declarations(node: XmlNode): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(node)) {
    if (typeof value !== "string") continue;
    if (key === "@_xmlns") found.push(["", value]);
    else if (key.startsWith("@_xmlns:")) found.push([key.slice("@_xmlns:".length), value]);
  }
  return found;
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
