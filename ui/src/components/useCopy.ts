// The one way to copy: every copy in the app goes through the Tauri clipboard plugin
// (`copyText`), and the control says for a moment whether it worked.
import { useState } from "react";
import { copyText } from "../ipc";

export type CopyState = "idle" | "copied" | "failed";

export function useCopy(text: string) {
  const [state, setState] = useState<CopyState>("idle");
  const copy = async () => {
    try {
      await copyText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 1500);
  };
  return { state, copy: () => void copy() };
}
