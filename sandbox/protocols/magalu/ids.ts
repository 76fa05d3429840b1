// Magalu's opaque UUIDs over the sandbox's order codes, both ways and without a table: the code's bytes, zero-padded
// to 16, written as a UUID. A delivery's id is its order's code behind a "D", so the two never collide.
const BYTES = 16;

function uuidOfText(text: string): string | null {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length > BYTES) return null;
  const hex = Buffer.concat([bytes, Buffer.alloc(BYTES - bytes.length)]).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function textOfUuid(id: string): string | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return null;
  const text = Buffer.from(id.replace(/-/g, ""), "hex").toString("utf8").replace(/\0+$/, "");
  return text === "" || text.includes("\0") ? null : text;
}

export const orderIdOf = (code: string) => uuidOfText(code);
export const deliveryIdOf = (code: string) => uuidOfText(`D${code}`);
export const codeOfOrderId = (id: string) => {
  const text = textOfUuid(id);
  return text && !text.startsWith("D") ? text : null;
};
export const codeOfDeliveryId = (id: string) => {
  const text = textOfUuid(id);
  return text?.startsWith("D") ? text.slice(1) : null;
};
