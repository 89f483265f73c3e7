import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

export function newQueryClient() {
  return new QueryClient({
    // Commands are local IPC calls: no point retrying a failure that will repeat.
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  });
}

/**
 * The query cache. The window passes the client `readStartup` filled; tests get a client of
 * their own per mounted tree (no shared cache). Mantine's provider is not here: it starts
 * where Mantine's screens do (`withMantine.tsx`).
 */
export function Providers({ children, client: given }: { children: ReactNode; client?: QueryClient }) {
  const [client] = useState(() => given ?? newQueryClient());
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
