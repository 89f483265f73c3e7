// knip: unused files, exports and dependencies of the UI (its entries, src/main.tsx and
// floor/main.tsx, are found from Vite's configs). Dependencies used from outside the UI's code
// are named.
export default {
  entry: ["src/**/*.test.{ts,tsx}"],
  project: ["src/**/*.{ts,tsx}", "floor/**/*.{ts,tsx}"],
  ignoreDependencies: [
    // `cargo xtask bundle` runs ui/node_modules/.bin/tauri to build the .deb and .rpm.
    "@tauri-apps/cli",
    // The e2e suite injects ui/node_modules/axe-core/axe.min.js into the window.
    "axe-core",
  ],
};
