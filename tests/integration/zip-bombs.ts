// Archives that lie: zips whose headers declare small files that inflate to far more. For the tests and the
// upload benchmark; a real zip tool never writes these.

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_RECORD = 0x06054b50;

/** The same archive with every entry's uncompressed size, in local and central headers, set to `declared`. */
export function lieAboutSizes(zip: Uint8Array, declared: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  let at = 0;
  while (at + 30 <= out.length && view.getUint32(at, true) === LOCAL_HEADER) {
    view.setUint32(at + 22, declared, true);
    at += 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true) + view.getUint32(at + 18, true);
  }
  let end = out.length - 22;
  while (end > 0 && view.getUint32(end, true) !== END_RECORD) end--;
  at = view.getUint32(end + 16, true);
  while (view.getUint32(at, true) === CENTRAL_HEADER) {
    view.setUint32(at + 24, declared, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

/**
 * A zip of `count` entries that each declare `declared` bytes and hold the same DEFLATE stream (`deflated`, e.g.
 * fflate's deflateSync of megabytes of one byte): compressing once keeps a bomb of thousands of entries cheap to make.
 */
export function bombZip(deflated: Uint8Array, count: number, declared = 4096): Uint8Array {
  const names = Array.from({ length: count }, (_, i) => new TextEncoder().encode(`notas/nfe-${i}.xml`));
  const locals = names.reduce((sum, n) => sum + 30 + n.length + deflated.length, 0);
  const centrals = names.reduce((sum, n) => sum + 46 + n.length, 0);
  const out = new Uint8Array(locals + centrals + 22);
  const view = new DataView(out.buffer);
  const header = (at: number, signature: number, name: Uint8Array, central: number | null) => {
    view.setUint32(at, signature, true);
    const fields = central === null ? at + 4 : at + 6; // the central header also says which version made it
    view.setUint16(fields, 20, true);
    view.setUint16(fields + 4, 8, true); // DEFLATE
    view.setUint32(fields + 14, deflated.length, true);
    view.setUint32(fields + 18, declared, true);
    view.setUint16(fields + 22, name.length, true);
    if (central !== null) view.setUint32(at + 42, central, true);
    out.set(name, at + (central === null ? 30 : 46));
  };
  let at = 0;
  const offsets: number[] = [];
  for (const name of names) {
    offsets.push(at);
    header(at, LOCAL_HEADER, name, null);
    out.set(deflated, at + 30 + name.length);
    at += 30 + name.length + deflated.length;
  }
  names.forEach((name, i) => {
    header(at, CENTRAL_HEADER, name, offsets[i] ?? 0);
    at += 46 + name.length;
  });
  view.setUint32(at, END_RECORD, true);
  view.setUint16(at + 8, count, true);
  view.setUint16(at + 10, count, true);
  view.setUint32(at + 12, centrals, true);
  view.setUint32(at + 16, locals, true);
  return out;
}
