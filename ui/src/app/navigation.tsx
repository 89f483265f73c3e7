import { createContext, useCallback, useContext, useState, useTransition, type ReactNode } from "react";
import type { AreaId } from "./areas";

/** Opens the token screen for an application and API, and gets a token at once. */
export interface TokenPrefill {
  clientId: string;
  audience: string;
}

/**
 * What the main pane shows: an area (with `open`, one of its objects: an application's
 * client id, an API's identifier), or a tenant screen.
 */
export type Screen =
  | { kind: "home" }
  | { kind: "area"; area: AreaId; prefill?: TokenPrefill; open?: string }
  | { kind: "tenants" }
  | { kind: "add-tenant" }
  | { kind: "edit-tenant"; id: string };

interface Navigation {
  screen: Screen;
  go: (screen: Screen) => void;
  /** The next screen's code is still loading; the current one stays on show meanwhile. */
  pending: boolean;
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({ children }: { children: ReactNode }) {
  const [screen, setScreen] = useState<Screen>({ kind: "home" });
  // Each screen's code loads when it is first opened (screens.ts). Moving in a transition
  // keeps the current screen on show until the next one is ready, instead of blanking the
  // pane to a loader for a few frames.
  const [pending, startTransition] = useTransition();
  const go = useCallback((next: Screen) => startTransition(() => setScreen(next)), []);
  return <NavigationContext.Provider value={{ screen, go, pending }}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error("useNavigation outside NavigationProvider");
  return nav;
}
