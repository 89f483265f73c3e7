// What the first screen reads, asked before anything renders. The window then renders once,
// complete, in the saved colour scheme and the desktop's fonts (`desktopFonts.ts`). Asked from the first render instead, the answers
// (each under 10 ms in Rust) waited behind that render's own style, layout and paint, and the
// screen was laid out and painted a second time with them: about a third of a cold start.
// Deliberately not here: anything a later screen reads, and what to do when a read fails or
// is late — it is left out, and the screen's own query asks again and shows its error.
import type { QueryClient } from "@tanstack/react-query";
import type { ColorScheme } from "../bindings/ColorScheme";
import { activeProfile, PROFILES_KEY, tenantKey } from "../features/profiles/useProfiles";
import { appInfo, getColorScheme, listProfiles, wizardUnfinished } from "../ipc";
import { applyDesktopFonts } from "./desktopFonts";

export const APP_INFO_KEY = ["app-info"] as const;
export const COLOR_SCHEME_KEY = ["color-scheme"] as const;
/** Under the tenant's key: whether a setup of the active tenant did not finish. */
export const UNFINISHED = "wizard-unfinished";

/**
 * How long the first render waits for these reads. They answer in milliseconds; a keychain
 * that hangs (a D-Bus service that never replies) must not keep the window blank.
 */
const PATIENCE_MS = 1500;

/**
 * Reads the first screen's data into `client`, each answer as it comes; resolves, with the
 * saved colour scheme, once all have answered or `PATIENCE_MS` passed.
 */
export async function readStartup(client: QueryClient): Promise<ColorScheme> {
  let scheme: ColorScheme = "auto";
  const profiles = listProfiles().then((view) => (client.setQueryData(PROFILES_KEY, view), view));
  const reads = Promise.allSettled([
    appInfo().then((info) => (client.setQueryData(APP_INFO_KEY, info), applyDesktopFonts(info.fonts))),
    getColorScheme().then((saved) => (client.setQueryData(COLOR_SCHEME_KEY, saved), (scheme = saved))),
    Promise.all([profiles, wizardUnfinished()]).then(([view, unfinished]) =>
      client.setQueryData(tenantKey(activeProfile(view)?.id, UNFINISHED), unfinished),
    ),
  ]);
  await Promise.race([reads, new Promise((done) => setTimeout(done, PATIENCE_MS))]);
  return scheme;
}
