// Draws the PNG icons a phone needs to put Fluxo on its home screen from app/icon.svg (run after changing the logo:
// `npx tsx scripts/generate-icons.ts`; the PNGs are committed). sharp comes with Next.js.
import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { APP_ICONS, APPLE_TOUCH_ICON, THEME_COLOR } from "../app/app-icons";

const root = path.resolve(import.meta.dirname, "..");
const svg = readFileSync(path.join(root, "app/icon.svg"), "utf8");
const mark = svg.match(/<path [^>]*\/>/)?.[0];
if (!mark) throw new Error("app/icon.svg mudou de forma: o traço do logotipo (<path>) não foi encontrado.");

/** The mark on a square with no rounded corners (the launcher shapes it), scaled about the centre. */
function fullBleed(scale: number): Buffer {
  const offset = (32 * (1 - scale)) / 2;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${THEME_COLOR}"/>` +
      `<g transform="translate(${offset} ${offset}) scale(${scale})">${mark}</g></svg>`,
  );
}

async function draw(source: Buffer, size: number, src: string) {
  const file = path.join(root, "public", src);
  await sharp(source, { density: (72 * size) / 32 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(file);
  console.log(`${src}: ${size}×${size}`);
}

for (const icon of APP_ICONS) {
  await draw(icon.purpose === "maskable" ? fullBleed(0.7) : Buffer.from(svg), icon.size, icon.src);
}
await draw(fullBleed(1), APPLE_TOUCH_ICON.size, APPLE_TOUCH_ICON.src);
