// The one copy control: every copy in the app goes through the Tauri clipboard plugin
// (`copyText`) and says whether it worked. A labelled button, or a value with an icon.
import { ActionIcon, Button, Group, Text, Tooltip, type ButtonProps } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useState, type ReactElement } from "react";
import { copyText } from "../ipc";

type CopyState = "idle" | "copied" | "failed";

function useCopy(text: string) {
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

function Feedback({ state, idle, children }: { state: CopyState; idle: string; children: ReactElement }) {
  return (
    <Tooltip label={state === "failed" ? "Could not copy" : state === "copied" ? "Copied" : idle} color={state === "failed" ? "red" : undefined}>
      {children}
    </Tooltip>
  );
}

/** A button that copies `text`, with its own words ("Copy curl"). */
export function CopyButton({ text, label, testId, ...props }: { text: string; label: string; testId?: string } & ButtonProps) {
  const { state, copy } = useCopy(text);
  return (
    <Tooltip label="Could not copy" color="red" opened={state === "failed"}>
      <Button
        size="xs"
        variant="default"
        leftSection={state === "copied" ? <IconCheck size={14} /> : <IconCopy size={14} />}
        onClick={copy}
        data-testid={testId}
        {...props}
      >
        {state === "copied" ? "Copied" : label}
      </Button>
    </Tooltip>
  );
}

/** A value in monospace with a copy icon beside it (`what` names it for screen readers). */
export function CopyValue({ value, what, testId, size = "xs" }: { value: string; what: string; testId?: string; size?: "xs" | "sm" }) {
  const { state, copy } = useCopy(value);
  return (
    <Group gap={4} wrap="nowrap">
      <Text size={size} ff="monospace" data-testid={testId} style={{ wordBreak: "break-all" }}>
        {value}
      </Text>
      <Feedback state={state} idle={`Copy ${what}`}>
        <ActionIcon size="sm" variant="subtle" onClick={copy} aria-label={`Copy ${what}`}>
          {state === "copied" ? <IconCheck size={14} /> : <IconCopy size={14} />}
        </ActionIcon>
      </Feedback>
    </Group>
  );
}
