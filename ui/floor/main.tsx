// The floor of a cold start, for `cargo xtask bench`: the UI stack DESIGN.md requires, set up
// as Grantsmith's screens past Home use it (React, Mantine's provider with Grantsmith's theme
// and stylesheets), rendering one title in the bench's bare Tauri app (its `bare-floor`
// binary). What this page costs beyond the bare app's static page is the stack's; Grantsmith's
// first screen avoids Mantine's part of it (`ui/src/app/MantineLayer.tsx`). Deliberately
// nothing else: no query cache, no reads from Rust, no screens.
import "@mantine/core/styles/baseline.css";
import "@mantine/core/styles/default-css-variables.css";
import "@mantine/core/styles/global.css";
import "../src/app/styles";
import "../src/app/scrollbars.css";
import "../src/app/fonts.css";
import { MantineProvider, Title } from "@mantine/core";
import { invoke } from "@tauri-apps/api/core";
import { useEffect } from "react";
import { createRoot } from "react-dom/client";
import { readableColors, theme } from "../src/app/theme";

function Page() {
  // Reported as Grantsmith reports its first screen: two animation frames after it rendered.
  useEffect(() => {
    requestAnimationFrame(() => requestAnimationFrame(() => void invoke("painted", { pageMs: performance.now() })));
  }, []);
  return <Title>One React page</Title>;
}

createRoot(document.getElementById("root")!).render(
  <MantineProvider theme={theme} cssVariablesResolver={readableColors}>
    <Page />
  </MantineProvider>,
);
