import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toPostgresText } from "./placeholders";

describe("toPostgresText", () => {
  it("numbers the bound values in order", () => {
    expect(toPostgresText('select "a" from "t" where "b" = ? and "c" in (?, ?) limit ?')).toBe(
      'select "a" from "t" where "b" = $1 and "c" in ($2, $3) limit $4',
    );
  });

  it("leaves question marks inside text, names, comments and dollar-quoted bodies", () => {
    const text = `select 'why?', "odd?name", ? -- really?\n, $$ body ? $$, $fn$ x ? $fn$ where x = ?`;
    expect(toPostgresText(text)).toBe(
      `select 'why?', "odd?name", $1 -- really?\n, $$ body ? $$, $fn$ x ? $fn$ where x = $2`,
    );
  });

  it("reads doubled quotes as escaped ones", () => {
    expect(toPostgresText("select 'it''s ?', ?")).toBe("select 'it''s ?', $1");
  });

  it("writes SQLite's backquoted names with double quotes", () => {
    expect(toPostgresText("select `order_counts`.`n` from `order_counts` where `a` = ?")).toBe(
      'select "order_counts"."n" from "order_counts" where "a" = $1',
    );
  });

  it("names an upsert's conflict columns without their table", () => {
    expect(
      toPostgresText('insert into "c" ("a", "b") values (?, ?) on conflict ("c"."a", "c"."b") do update set "b" = ?'),
    ).toBe('insert into "c" ("a", "b") values ($1, $2) on conflict ("a", "b") do update set "b" = $3');
  });

  it("changes nothing but the placeholders in text without quotes", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9 =(),.*<>+]*$/), { maxLength: 8 }), (parts) => {
        const text = parts.join("?");
        const out = toPostgresText(text);
        const expected = parts.map((part, i) => (i === 0 ? part : `$${i}${part}`)).join("");
        expect(out).toBe(expected);
      }),
    );
  });
});
