// The only module that imports @tauri-apps/*: the generated command wrappers, the error
// type they reject with, and the clipboard.
import { writeText } from "@tauri-apps/plugin-clipboard-manager";
import { CommandError, toIpcError } from "./errors";

export * from "./commands";
export { CommandError } from "./errors";

/** Copies through the Tauri clipboard plugin (the webview's clipboard API is not relied on). */
export async function copyText(text: string): Promise<void> {
  try {
    await writeText(text);
  } catch (e) {
    throw new CommandError(toIpcError(e));
  }
}
