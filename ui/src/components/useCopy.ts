// The one way to copy: every copy in the app goes through the Tauri clipboard plugin
// (`copyText`) — a secret through Rust (`copySecret`: kept out of clipboard history, cleared
// after 30 s) — and the control says for a moment whether it worked.
import { useState } from "react";
import { copySecret, copyText } from "../ipc";

type CopyState = "idle" | "copied" | "failed";

export function useCopy(text: string, secret = false) {
  const [state, setState] = useState<CopyState>("idle");
  const copy = async () => {
    try {
      await (secret ? copySecret(text) : copyText(text));
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 1500);
  };
  return { state, copy: () => void copy() };
}
