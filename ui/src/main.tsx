import "./app/styles";
import "./app/scrollbars.css";
import "./app/fonts.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { newQueryClient, Providers } from "./app/Providers";
import { readStartup } from "./app/startup";

const client = newQueryClient();
void readStartup(client).then((scheme) =>
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <Providers client={client} colorScheme={scheme}>
        <App />
      </Providers>
    </StrictMode>,
  ),
);
