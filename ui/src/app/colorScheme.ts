// The colour scheme the window shows: light, dark, or the system's. Owns the page's
// `data-mantine-color-scheme` attribute (what every stylesheet's dark rules select on) and
// following the system while the choice is "auto". Kept here rather than in Mantine's
// provider because the frame and Home paint before Mantine is loaded (`MantineLayer.tsx`);
// the provider, once loaded, reads and follows this one store through `mantineSchemeManager`.
// Deliberately not here: saving the choice (Rust's settings store, `ThemeToggle`).
import type { MantineColorSchemeManager } from "@mantine/core";
import { useSyncExternalStore } from "react";
import type { ColorScheme } from "../bindings/ColorScheme";

const DARK = "(prefers-color-scheme: dark)";
let chosen: ColorScheme = "auto";
const listeners = new Set<(scheme: ColorScheme) => void>();

function paint() {
  const dark = chosen === "dark" || (chosen === "auto" && window.matchMedia(DARK).matches);
  document.documentElement.setAttribute("data-mantine-color-scheme", dark ? "dark" : "light");
}

let following = false;
/** Sets the scheme and paints it; the first call also starts following the system's. */
export function setColorScheme(next: ColorScheme) {
  if (!following) {
    following = true;
    window.matchMedia(DARK).addEventListener("change", () => chosen === "auto" && paint());
  }
  const changed = next !== chosen;
  chosen = next;
  paint();
  if (changed) listeners.forEach((l) => l(next));
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** The chosen scheme ("auto" included), re-rendering when it changes. */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, () => chosen);
}

/**
 * Mantine's view of this store: the provider starts from it and follows its changes, and
 * what it sets lands here. Mantine's default manager (localStorage) could disagree with the
 * settings store and paint a screen in the other scheme.
 */
export function mantineSchemeManager(): MantineColorSchemeManager {
  let stop = () => {};
  return {
    get: () => chosen,
    set: (next) => setColorScheme(next),
    subscribe: (onUpdate) => (stop = subscribe(() => onUpdate(chosen))),
    unsubscribe: () => stop(),
    clear: () => setColorScheme("auto"),
  };
}
