import { describe, expect, it } from "vitest";
import { attributeOf, child, findElements, namespaceAt, parseXml, textOf, XmlShapeError } from "./xml-tree";

function qualified(xml: string) {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error("expected well-formed XML");
  return parsed.qualified;
}

function tree(xml: string) {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error("expected well-formed XML");
  return parsed.tree;
}

describe("xml tree", () => {
  it("keeps values as text, drops namespace prefixes and keeps attributes", () => {
    const root = child(tree('<ns:a xmlns:ns="urn:x"><ns:b Id="007">0012</ns:b><c>1.50</c></ns:a>'), "a");
    expect(textOf(root, "b")).toBe("0012");
    expect(attributeOf(child(root, "b"), "Id")).toBe("007");
    expect(textOf(root, "c")).toBe("1.50");
  });

  it("decodes only predefined entities and character references", () => {
    const root = child(tree("<a><n>M&amp;M &lt;x&gt; &#65;&#x42; &foo;</n></a>"), "a");
    expect(textOf(root, "n")).toBe("M&M <x> AB &foo;");
  });

  it("reports where malformed XML breaks, and refuses what the parser considers dangerous", () => {
    expect(parseXml("<a><b></a>")).toMatchObject({ ok: false, line: 1 });
    expect(parseXml("<a><__proto__>1</__proto__></a>").ok).toBe(false);
  });

  it("refuses a repeated element where one is expected", () => {
    const root = child(tree("<a><b>1</b><b>2</b></a>"), "a");
    expect(() => textOf(root, "b")).toThrow(XmlShapeError);
    expect(() => child(root, "b")).toThrow(XmlShapeError);
  });

  it("finds elements at any depth with their parents", () => {
    const found = findElements(tree("<a><x><e>1</e></x><e>2</e><y><e><e>3</e></e></y></a>"), "e");
    expect(found).toHaveLength(4);
  });

  it("resolves an element's namespace through default and prefixed declarations on it or its ancestors", () => {
    const doc = qualified(
      '<p:a xmlns:p="urn:p" xmlns="urn:d"><b><p:c xmlns:p="urn:q"/></b><d xmlns=""/><x:e/><constructor:f/></p:a>',
    );
    expect(namespaceAt(doc, ["a"])).toBe("urn:p");
    expect(namespaceAt(doc, ["a", "b"])).toBe("urn:d");
    expect(namespaceAt(doc, ["a", "b", "c"])).toBe("urn:q");
    expect(namespaceAt(doc, ["a", "d"])).toBeNull();
    expect(namespaceAt(doc, ["a", "e"])).toBeNull();
    expect(namespaceAt(doc, ["a", "f"])).toBeNull();
    expect(namespaceAt(doc, ["a", "missing"])).toBeUndefined();
    expect(namespaceAt(qualified("<a><b/><b/></a>"), ["a", "b"])).toBeUndefined();
  });
});
