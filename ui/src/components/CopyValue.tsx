// A value in monospace with a copy icon beside it: in plain elements, because Home shows one
// (the database's path) before Mantine is loaded (`Plain.tsx`).
import { IconCheck, IconCopy } from "@tabler/icons-react";
import classes from "./Plain.module.css";
import { Hint, IconButton } from "./Plain";
import { useCopy } from "./useCopy";

/** `what` names the value for screen readers ("Copy database path"). */
export function CopyValue({ value, what, testId, size = "xs" }: { value: string; what: string; testId?: string; size?: "xs" | "sm" }) {
  const { state, copy } = useCopy(value);
  const label = state === "failed" ? "Could not copy" : state === "copied" ? "Copied" : `Copy ${what}`;
  return (
    <span className={classes.value}>
      <span className={classes.mono} data-size={size} data-testid={testId}>
        {value}
      </span>
      <Hint label={label} tone={state === "failed" ? "red" : undefined}>
        <IconButton tone="primary" onClick={copy} aria-label={`Copy ${what}`}>
          {state === "copied" ? <IconCheck size={14} /> : <IconCopy size={14} />}
        </IconButton>
      </Hint>
    </span>
  );
}
