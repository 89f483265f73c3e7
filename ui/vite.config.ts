import { defineConfig, type Plugin } from "vitest/config";
import react from "@vitejs/plugin-react";
import { MantineProvider } from "@mantine/core";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { readableColors, theme } from "./src/app/theme";

/**
 * `virtual:theme-variables.css`: the theme's CSS variables exactly as Mantine's provider
 * injects them (`theme.ts`), written at build time as a stylesheet. The first screen paints
 * before Mantine's provider is loaded, so the variables must be there without it; the
 * provider then runs with `withCssVariables={false}` (`MantineLayer.tsx`).
 */
function themeVariables(): Plugin {
  const name = "virtual:theme-variables.css";
  const file = "/__theme-variables.css";
  return {
    name: "theme-variables",
    resolveId: (id) => (id === name ? file : undefined),
    load(id) {
      if (id !== file) return;
      const html = renderToStaticMarkup(createElement(MantineProvider, { theme, cssVariablesResolver: readableColors }));
      const css = /<style data-mantine-styles="true"[^>]*>(.*?)<\/style>/s.exec(html)?.[1];
      if (!css) throw new Error("Mantine's provider injected no CSS variables: has its markup changed?");
      return css;
    },
  };
}

// Tauri serves ui/dist; the dev server (npm run dev) is only for `--no-default-features` builds.
export default defineConfig({
  plugins: [react(), themeVariables()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "safari15", outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
  },
});
