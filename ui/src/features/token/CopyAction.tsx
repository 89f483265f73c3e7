import { Button, Tooltip, type ButtonProps } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useState } from "react";
import { copyText } from "../../ipc";

/** A copy button with feedback ("Copied"), through the Tauri clipboard plugin. */
export function CopyAction({ text, label, testId, ...props }: { text: string; label: string; testId?: string } & ButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await copyText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 1500);
  };
  return (
    <Tooltip label={state === "failed" ? "Could not copy" : "Copied"} opened={state !== "idle"} color={state === "failed" ? "red" : undefined}>
      <Button
        size="xs"
        variant="default"
        leftSection={state === "copied" ? <IconCheck size={14} /> : <IconCopy size={14} />}
        onClick={() => void copy()}
        data-testid={testId}
        {...props}
      >
        {state === "copied" ? "Copied" : label}
      </Button>
    </Tooltip>
  );
}
