import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { appInfo, CommandError, firstPainted } from "../ipc";
import { Frame } from "./Frame";
import { NavigationProvider } from "./navigation";
import { StartupError } from "./StartupError";
import { APP_INFO_KEY } from "./startup";

export function App() {
  // Read once per run (readStartup usually has it): asking again would probe the keychain again.
  const info = useQuery({ queryKey: APP_INFO_KEY, queryFn: appInfo, staleTime: Infinity });
  const settled = info.isSuccess || info.isError;
  // Tells the shell once the first real screen is on glass (two frames after it rendered):
  // what `cargo xtask bench` times a cold start by.
  useEffect(() => {
    if (settled) requestAnimationFrame(() => requestAnimationFrame(() => void firstPainted(performance.now()).catch(() => {})));
  }, [settled]);
  // Without its database the app cannot do anything useful: say why, full screen.
  if (info.error instanceof CommandError && info.error.error.kind === "storage") {
    return <StartupError message={info.error.message} />;
  }
  return (
    <NavigationProvider>
      <Frame info={info.data} infoError={info.error?.message} />
    </NavigationProvider>
  );
}
