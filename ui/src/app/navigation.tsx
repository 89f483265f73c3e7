import { createContext, useContext, useState, type ReactNode } from "react";
import type { AreaId } from "./areas";

/** What the main pane shows: an area, or a tenant screen. */
export type Screen =
  | { kind: "home" }
  | { kind: "area"; area: AreaId }
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
