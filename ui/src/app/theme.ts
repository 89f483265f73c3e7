// The theme, and the colours that make every text readable (WCAG AA, 4.5:1) in light and in
// dark: secondary ("dimmed") text, coloured text (`c="red"`, errors) and the text of light
// badges and alerts. Fixed here once, for every screen, rather than element by element.
import { createTheme, DEFAULT_THEME, InputWrapper, Modal, type CSSVariablesResolver, type MantineColorsTuple } from "@mantine/core";
// The page's background in each scheme. Rust reads the same file to give the window that
// colour before the page has painted (`src-tauri/src/window.rs`): no white flash in dark.
import pageBackground from "./page-background.json";

export const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "md",
  // The fonts are named in fonts.css (the system's own UI font on every OS), not here.
  // Filled buttons, badges and tabs use a deep shade, and pick black or white text by its
  // luminance; at 0.18 either choice is at least 4.5:1.
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.18,
  components: {
    // A field's rule is tied to it (Mantine sets aria-invalid and aria-describedby) and read
    // out when it appears.
    InputWrapper: InputWrapper.extend({ defaultProps: { errorProps: { role: "alert" } } }),
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
  },
});

const AA = 4.6; // 4.5:1, with a little room for rounding and anti-aliasing.

function channels(hex: string): number[] {
  const h = hex.replace("#", "");
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
}

function luminance(hex: string): number {
  const weights = [0.2126, 0.7152, 0.0722];
  return channels(hex).reduce((sum, c, i) => {
    const s = c / 255;
    return sum + weights[i]! * (s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4);
  }, 0);
}

export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function darker(hex: string): string {
  return (
    "#" +
    channels(hex)
      .map((c) =>
        Math.round(c * 0.9)
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")
  );
}

/**
 * The palette's darkest shade, darkened further until it reads on white and on its own
 * light backgrounds (shade 1, and shade 2 under the pointer).
 */
function readableOnLight(colors: MantineColorsTuple): string {
  let c = colors[9];
  while (["#ffffff", colors[1], colors[2]].some((bg) => contrast(c, bg) < AA)) c = darker(c);
  return c;
}

const PALETTES = Object.keys(DEFAULT_THEME.colors).filter((c) => c !== "dark" && c !== "gray");

export const readableColors: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    "--mantine-color-body": pageBackground.light,
    "--mantine-color-dimmed": "#5f6670",
    "--mantine-color-error": readableOnLight(t.colors.red),
    ...Object.fromEntries(
      PALETTES.flatMap((name) => {
        const text = readableOnLight(t.colors[name]!);
        return [
          [`--mantine-color-${name}-text`, text],
          [`--mantine-color-${name}-light-color`, text],
        ];
      }),
    ),
  },
  dark: {
    "--mantine-color-body": pageBackground.dark,
    "--mantine-color-dimmed": "#a6a6a6",
    "--mantine-color-error": t.colors.red[4],
  },
});
