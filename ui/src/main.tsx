// Only what the first screen needs: Mantine's global sheets and the theme's variables (plain
// CSS), the frame and Home. Mantine's provider and components come after the first paint.
import "@mantine/core/styles/baseline.css";
import "@mantine/core/styles/default-css-variables.css";
import "@mantine/core/styles/global.css";
import "virtual:theme-variables.css";
import "./app/scrollbars.css";
import "./app/fonts.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { setColorScheme } from "./app/colorScheme";
import { newQueryClient, Providers } from "./app/Providers";
import { readStartup } from "./app/startup";

const client = newQueryClient();
void readStartup(client).then((scheme) => {
  setColorScheme(scheme);
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <Providers client={client}>
        <App />
      </Providers>
    </StrictMode>,
  );
});
