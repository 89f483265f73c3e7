// A labelled copy button ("Copy curl"), on Mantine's screens; a value with a copy icon beside
// it is `CopyValue.tsx`. Both copy through `useCopy` and say whether it worked.
import { Button, Tooltip, type ButtonProps } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useCopy } from "./useCopy";

/** A button that copies `text`, with its own words ("Copy curl"); a `secret` is copied as one. */
export function CopyButton({
  text,
  label,
  testId,
  secret,
  ...props
}: { text: string; label: string; testId?: string; secret?: boolean } & ButtonProps) {
  const { state, copy } = useCopy(text, secret);
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
        {state === "copied" ? (secret ? "Copied · clears in 30 s" : "Copied") : label}
      </Button>
    </Tooltip>
  );
}
