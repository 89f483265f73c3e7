import { mergeConfig } from "vite";
import base from "../vite.config";

// The bench's floor page (main.tsx), built like the UI, into the bare app's second page.
export default mergeConfig(base, {
  root: "floor", // from ui/, where npm runs it
  build: { outDir: "../../xtask/bare-tauri/floor/dist", emptyOutDir: true },
});
