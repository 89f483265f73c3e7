// The desktop's UI font in the window, where Rust read it (Linux; `AppInfo.fonts` says why):
// its family named in place of `system-ui`, code in fontconfig's `monospace` (`ui-monospace`
// is Apple's name, which WebKitGTK looks up and misses for every weight before falling back),
// and semibold text asked in the weight of the face that draws it. Deliberately not here:
// which font (the desktop's settings), and other OSes, where fonts.css's `system-ui` stays.
import type { DesktopFonts } from "../bindings/DesktopFonts";

export function applyDesktopFonts(fonts: DesktopFonts | undefined) {
  if (!fonts) return;
  const stack = `"${fonts.family.replace(/["\\]/g, "\\$&")}", sans-serif`;
  const root = document.documentElement.style;
  for (const variable of ["--mantine-font-family", "--mantine-font-family-headings"]) root.setProperty(variable, stack);
  root.setProperty("--mantine-font-family-monospace", "monospace");
  // Mantine's "medium" is its semibold (600): its buttons and ours, and Home's headings.
  root.setProperty("--mantine-font-weight-medium", String(fonts.semibold));
}
