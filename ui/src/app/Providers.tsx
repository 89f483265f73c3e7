import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import type { ColorScheme } from "../bindings/ColorScheme";
import { savedColorScheme } from "./startup";
import { readableColors, theme } from "./theme";

export function newQueryClient() {
  return new QueryClient({
    // Commands are local IPC calls: no point retrying a failure that will repeat.
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  });
}

/**
 * Mantine and the query cache. The window passes the client `readStartup` filled and the
 * saved colour scheme; tests get a client of their own per mounted tree (no shared cache).
 */
export function Providers({
  children,
  client: given,
  colorScheme = "auto",
}: {
  children: ReactNode;
  client?: QueryClient;
  colorScheme?: ColorScheme;
}) {
  const [client] = useState(() => given ?? newQueryClient());
  const [manager] = useState(() => savedColorScheme(colorScheme));
  return (
    <MantineProvider theme={theme} cssVariablesResolver={readableColors} colorSchemeManager={manager} defaultColorScheme={colorScheme}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
