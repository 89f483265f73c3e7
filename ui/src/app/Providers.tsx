import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { readableColors, theme } from "./theme";

export function Providers({ children }: { children: ReactNode }) {
  // One client per mounted tree, so tests never share a cache.
  const [client] = useState(
    () =>
      new QueryClient({
        // Commands are local IPC calls: no point retrying a failure that will repeat.
        defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <MantineProvider theme={theme} cssVariablesResolver={readableColors} defaultColorScheme="auto">
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
