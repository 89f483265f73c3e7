import { Alert, Button, Group, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import type { RunView } from "../../bindings/RunView";
import { HeldBadge, ResumeButton, UndoButton } from "../change/RunActions";
import { RunSteps } from "../change/StepTables";
import { RunResult } from "./Review";

/** The run's progress in one sentence, read out politely as it changes. */
function progress(run: RunView): string {
  const done = run.steps.filter((s) => s.status === "done").length;
  const current = run.steps.find((s) => s.status === "running" || s.status === "failed");
  const now = current ? ` ${current.status === "failed" ? "Failed" : "Now"}: ${current.title}.` : "";
  return `${done} of ${run.steps.length} steps done.${now}`;
}

type Follow = { onUpdate: (run: RunView) => void; onDone: (run?: RunView) => void };

/** A run as it applies, and what can be done once it stopped: Retry, Undo, start again. */
export function WizardRun({ run, domain, onRestart, ...follow }: { run: RunView; domain: string; onRestart: () => void } & Follow) {
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {run.status === "undone" ? "Setup undone" : run.status === "done" ? "Setup complete" : "Applying the setup"}
      </Title>
      <RunSteps run={run} />
      <VisuallyHidden role="status">{progress(run)}</VisuallyHidden>
      {run.status === "failed" && (
        <Alert color="red" title="A step failed" data-testid="wizard-failed">
          <Stack gap="xs">
            <Text size="sm">Nothing is left half-made: Retry finishes the run and adopts anything that was already created.</Text>
            <Group>
              <ResumeButton run={run} {...follow} label="Retry" data-testid="wizard-retry" />
              <UndoButton run={run} {...follow} label="Undo what was created…" variant="default" data-testid="wizard-undo" />
            </Group>
          </Stack>
        </Alert>
      )}
      {run.status === "done" && <RunResult run={run} {...follow} domain={domain} />}
      {(run.status === "undone" || run.status === "done") && (
        <Group>
          <Button variant={run.status === "undone" ? "filled" : "default"} onClick={onRestart} data-testid="wizard-restart">
            Start a new setup
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** An earlier run of this tenant that stopped half-way: Resume or Undo it (or see it held). */
export function UnfinishedRun({ run, ...follow }: { run: RunView } & Follow) {
  const done = run.steps.filter((s) => s.status === "done").length;
  return (
    <Alert color="yellow" title="An earlier setup did not finish" data-testid="wizard-unfinished">
      <Stack gap="xs">
        <Text size="sm">
          {done} of {run.steps.length} steps were done. Resume finishes it without creating duplicates; Undo deletes what it created.
        </Text>
        {run.held ? (
          <HeldBadge />
        ) : (
          <Group>
            <ResumeButton run={run} {...follow} size="xs" data-testid="wizard-resume" />
            <UndoButton run={run} {...follow} label="Undo it…" size="xs" variant="default" />
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
