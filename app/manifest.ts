import type { MetadataRoute } from "next";
import { APP_ICONS, THEME_COLOR } from "./app-icons";

/** What a phone needs to add Fluxo to its home screen and open it like an app, straight on the board. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Fluxo",
    short_name: "Fluxo",
    description:
      "Pedidos de todos os marketplaces em um só lugar: o que está atrasado, o que vence hoje e o que fazer.",
    lang: "pt-BR",
    dir: "ltr",
    start_url: "/pedidos",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: THEME_COLOR,
    icons: APP_ICONS.map((icon) => ({
      src: icon.src,
      sizes: `${icon.size}x${icon.size}`,
      type: "image/png",
      purpose: icon.purpose,
    })),
  };
}
