import { useQuery } from "@tanstack/react-query";
import { appInfo, CommandError } from "../ipc";
import { Frame } from "./Frame";
import { NavigationProvider } from "./navigation";
import { StartupError } from "./StartupError";

export function App() {
  const info = useQuery({ queryKey: ["app-info"], queryFn: appInfo });
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
