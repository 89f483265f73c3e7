// Where Mantine begins: `WithMantine` puts its children under Mantine's provider, loading
// Mantine's chunk first if it has not arrived (`MantineLayer.tsx`); `preloadMantine` asks for
// it early, once the first screen has painted, so that opening a screen does not wait for it.
import { use, type ComponentType, type ReactNode } from "react";

type Layer = ComponentType<{ children: ReactNode }>;
let loaded: Layer | undefined;
let loading: Promise<Layer> | undefined;

export function preloadMantine(): Promise<Layer> {
  loading ??= import("./MantineLayer").then((m) => (loaded = m.default));
  return loading;
}

/** Its children under Mantine's provider; until Mantine has loaded, the nearest Suspense shows. */
export function WithMantine({ children }: { children: ReactNode }) {
  const Layer = loaded ?? use(preloadMantine());
  // eslint-disable-next-line react-hooks/static-components -- the loaded module's one component, not one made here
  return <Layer>{children}</Layer>;
}
