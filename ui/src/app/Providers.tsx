import { MantineProvider, createTheme } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

export const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "md",
  // The system font stack: the app should feel native on every OS.
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, Cantarell, 'Noto Sans', sans-serif",
});

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
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
