import { createContext, useContext, useState, type ReactNode } from "react";
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
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({ children }: { children: ReactNode }) {
  const [screen, go] = useState<Screen>({ kind: "home" });
  return <NavigationContext.Provider value={{ screen, go }}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error("useNavigation outside NavigationProvider");
  return nav;
}
