// ESLint for the UI: TypeScript's recommended rules, React's rules of hooks, and no import
// cycles between files (the feature folders' own graph is checked by
// `src/features/boundaries.test.ts`). Generated bindings and build output are not linted.
// Formatting is Prettier's (`npm run format:check`).
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist", "floor/dist", "src/bindings"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver()],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    },
    rules: {
      "import-x/no-cycle": "error",
      // This build does not run the React Compiler; TanStack Virtual's hook is fine without it.
      "react-hooks/incompatible-library": "off",
    },
  },
);
