// How a change's steps look everywhere (setup plans, runs, day-two change sets): an icon
// for what a step does, a badge for how far it is.
import { Badge, Loader, ThemeIcon, Tooltip } from "@mantine/core";
import { IconCheck, IconPencilPlus, IconPlus, IconRecycle, IconTrash, IconX } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { Effect } from "../../bindings/Effect";
import type { StepStatus } from "../../bindings/StepStatus";

const EFFECT: Record<Effect, { icon: ReactNode; color: string; label: string }> = {
  create: { icon: <IconPlus size={14} />, color: "green", label: "create" },
  update: { icon: <IconPencilPlus size={14} />, color: "blue", label: "update" },
  reuse: { icon: <IconRecycle size={14} />, color: "gray", label: "reuse" },
  delete: { icon: <IconTrash size={14} />, color: "red", label: "delete" },
};

export function EffectIcon({ effect }: { effect: Effect }) {
  const k = EFFECT[effect];
  return (
    <Tooltip label={k.label}>
      <ThemeIcon size="sm" variant="light" color={k.color} role="img" aria-label={k.label}>
        {k.icon}
      </ThemeIcon>
    </Tooltip>
  );
}

const STATUS: Record<StepStatus, { color: string; label: string }> = {
  waiting: { color: "gray", label: "waiting" },
  running: { color: "blue", label: "running" },
  done: { color: "green", label: "done" },
  failed: { color: "red", label: "failed" },
  undone: { color: "gray", label: "undone" },
};

export function StatusBadge({ status }: { status: StepStatus }) {
  const m = STATUS[status];
  const icon =
    status === "running" ? (
      <Loader size={10} />
    ) : status === "done" ? (
      <IconCheck size={10} />
    ) : status === "failed" ? (
      <IconX size={10} />
    ) : undefined;
  return (
    <Badge color={m.color} variant="light" leftSection={icon}>
      {m.label}
    </Badge>
  );
}
