// Mantine for every screen past Home: its provider, with the theme, and its components'
// stylesheets. Its own chunk, loaded just after the first screen has painted
// (`withMantine.tsx`), because the first screen — the frame and Home, in plain elements —
// needs none of it. The theme's CSS variables are not injected here: a stylesheet written at
// build time holds them from the first paint on, for the plain controls too
// (`virtual:theme-variables.css`, vite.config.ts).
import "./styles";
import { MantineProvider } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { mantineSchemeManager } from "./colorScheme";
import { readableColors, theme } from "./theme";

export default function MantineLayer({ children }: { children: ReactNode }) {
  const [manager] = useState(mantineSchemeManager);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={readableColors} colorSchemeManager={manager} withCssVariables={false}>
      {children}
    </MantineProvider>
  );
}
