/**
 * SQLite's statement text as PostgreSQL reads it. Drizzle's SQLite dialect and the data layer's own statements
 * bind values with `?`; PostgreSQL numbers them (`$1`, `$2`…). Quoted text, quoted names, comments and
 * dollar-quoted bodies are copied as they are, so a `?` inside them stays a character. SQLite also accepts
 * backquoted names, which PostgreSQL writes with double quotes.
 */
export function toPostgresText(text: string): string {
  return unqualifiedConflictTargets(numbered(text));
}

/**
 * Drizzle's SQLite dialect names an upsert's conflict columns with their table (`on conflict ("t"."c")`), which
 * SQLite accepts and PostgreSQL does not: the columns alone mean the same there.
 */
function unqualifiedConflictTargets(text: string): string {
  return text.replace(
    /on conflict \(([^)]*)\)/gi,
    (_, columns: string) => `on conflict (${columns.replace(/"(?:[^"]|"")*"\./g, "")})`,
  );
}

function numbered(text: string): string {
  let out = "";
  let n = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "?") {
      n += 1;
      out += `$${n}`;
      i += 1;
    } else if (c === "'" || c === '"') {
      const end = closingQuote(text, i, c);
      out += text.slice(i, end);
      i = end;
    } else if (c === "`") {
      const end = closingQuote(text, i, "`");
      out += `"${text.slice(i + 1, end - 1).replaceAll('"', '""')}"`;
      i = end;
    } else if (c === "-" && text[i + 1] === "-") {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
    } else if (c === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))?.[0];
      if (tag) {
        const end = text.indexOf(tag, i + tag.length);
        const stop = end === -1 ? text.length : end + tag.length;
        out += text.slice(i, stop);
        i = stop;
      } else {
        out += c;
        i += 1;
      }
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** Index just past the quote that closes the one at `start` (a doubled quote is an escaped one). */
function closingQuote(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return text.length;
}
