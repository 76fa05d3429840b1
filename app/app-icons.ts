/**
 * The home-screen icons in public/: the manifest lists them and scripts/generate-icons.ts draws them from
 * app/icon.svg, so the two cannot disagree about a file or a size.
 */
export const APP_ICONS = [
  { src: "/icons/icon-192.png", size: 192, purpose: "any" },
  { src: "/icons/icon-512.png", size: 512, purpose: "any" },
  // Android crops maskable icons to its own shape: the mark sits inside the middle 80 % on a full-bleed square.
  { src: "/icons/icon-maskable-512.png", size: 512, purpose: "maskable" },
] as const;

/** iOS ignores the manifest's icons and rounds this square itself. */
export const APPLE_TOUCH_ICON = { src: "/apple-touch-icon.png", size: 180 } as const;

export const THEME_COLOR = "#1d5fd1";
