import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useEffect } from "react";
import { appInfo, CommandError, firstPainted } from "../ipc";
import { Frame } from "./Frame";
import { NavigationProvider } from "./navigation";
import { APP_INFO_KEY } from "./startup";
import { preloadMantine, WithMantine } from "./withMantine";

const StartupError = lazy(() => import("./StartupError").then((m) => ({ default: m.StartupError })));

export function App() {
  // Read once per run (readStartup usually has it): asking again would probe the keychain again.
  const info = useQuery({ queryKey: APP_INFO_KEY, queryFn: appInfo, staleTime: Infinity });
  const settled = info.isSuccess || info.isError;
  // Tells the shell once the first real screen is on glass (two frames after it rendered):
  // what `cargo xtask bench` times a cold start by. Then Mantine and the palette load, ready
  // before the first click needs them.
  useEffect(() => {
    if (!settled) return;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        void firstPainted(performance.now()).catch(() => {});
        void preloadMantine();
        void import("./CommandPalette");
      }),
    );
  }, [settled]);
  // Without its database the app cannot do anything useful: say why, full screen.
  if (info.error instanceof CommandError && info.error.error.kind === "storage") {
    return (
      <Suspense>
        <WithMantine>
          <StartupError message={info.error.message} />
        </WithMantine>
      </Suspense>
    );
  }
  return (
    <NavigationProvider>
      <Frame info={info.data} infoError={info.error?.message} />
    </NavigationProvider>
  );
}
