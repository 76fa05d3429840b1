import { existsSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { APPLE_TOUCH_ICON } from "./app-icons";
import manifest from "./manifest";

const publicFile = (src: string) => path.join(import.meta.dirname, "..", "public", src);

describe("the web app manifest", () => {
  const answer = manifest();

  it("opens Fluxo standalone on the board, in Portuguese", () => {
    expect(answer).toMatchObject({ name: "Fluxo", lang: "pt-BR", start_url: "/pedidos", display: "standalone" });
    expect(answer.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("lists a 192 px, a 512 px and a maskable icon", () => {
    const icons = answer.icons ?? [];
    expect(icons.map((i) => [i.sizes, i.purpose])).toEqual(
      expect.arrayContaining([
        ["192x192", "any"],
        ["512x512", "any"],
        ["512x512", "maskable"],
      ]),
    );
  });

  it("names only PNGs that exist in public/ at the size it says", async () => {
    const icons = [
      ...(answer.icons ?? []),
      { src: APPLE_TOUCH_ICON.src, sizes: `${APPLE_TOUCH_ICON.size}x${APPLE_TOUCH_ICON.size}` },
    ];
    for (const icon of icons) {
      const file = publicFile(icon.src);
      expect(existsSync(file), icon.src).toBe(true);
      const { format, width, height } = await sharp(file).metadata();
      expect(`${format} ${width}x${height}`, icon.src).toBe(`png ${icon.sizes}`);
    }
  });
});
