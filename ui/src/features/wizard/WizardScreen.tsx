import { Alert, Button, Card, Group, Stack, Stepper, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { RunView } from "../../bindings/RunView";
import type { WizardSpec } from "../../bindings/WizardSpec";
import {
  CommandError,
  wizardApply,
  wizardCheck,
  wizardClearDraft,
  wizardDraft,
  wizardPlan,
  wizardSaveDraft,
  wizardUnfinished,
} from "../../ipc";
import { HeldBadge, ResumeButton, UndoButton } from "../change/RunActions";
import { TENANT_KEY, useProfiles, useTenantKey } from "../profiles/useProfiles";
import { ApiStep, AppStep } from "./AppApiSteps";
import { EMPTY_SPEC, STEPS, stepOf } from "./model";
import { ReviewStep, RunResult, RunSteps } from "./Review";
import { AuthorizeStep, ScopesStep } from "./ScopeSteps";

const NOTES = [
  "The application is the caller: a backend service, script or daemon. Auth0 creates it as a Machine to Machine application that may use the Client Credentials grant.",
  "The API is what gets called. Tokens name it in their audience (the identifier), and are signed with its algorithm.",
  "Scopes are the permissions your API defines. Existing scopes of a picked API are kept.",
  "The client grant authorizes the application for the API, with some of its scopes.",
  "Nothing has been changed yet. Review the operations; Apply performs exactly these.",
];

export function WizardScreen() {
  const key = useTenantKey();
  const { active } = useProfiles();
  const client = useQueryClient();
  const [spec, setSpec] = useState<WizardSpec>(EMPTY_SPEC);
  const [step, setStep] = useState(0);
  const [touched, setTouched] = useState<Set<number>>(new Set());
  const [confirm, setConfirm] = useState("");
  const [run, setRun] = useState<RunView>();
  const loaded = useRef<string | null>(null);

  // Drafts: loaded per tenant, saved as the user types (closing the window loses nothing).
  useEffect(() => {
    if (!active || loaded.current === active.id) return;
    loaded.current = null;
    void wizardDraft().then((d) => {
      setSpec(d?.spec ?? EMPTY_SPEC);
      setStep(d?.step ?? 0);
      setRun(undefined);
      loaded.current = active.id;
    });
  }, [active]);
  const [debounced] = useDebouncedValue(spec, 250);
  useEffect(() => {
    if (loaded.current && !run) void wizardSaveDraft(debounced, step);
  }, [debounced, step, run]);

  const check = useQuery({ queryKey: ["wizard-check", debounced], queryFn: () => wizardCheck(debounced), placeholderData: (prev) => prev });
  const plan = useQuery({
    queryKey: key("wizard-plan", spec),
    queryFn: () => wizardPlan(spec),
    enabled: !run && (step === 4 || (step === 3 && spec.app.mode === "existing" && spec.api.mode === "existing")),
    staleTime: 0,
  });
  const unfinished = useQuery({
    queryKey: key("wizard-unfinished"),
    queryFn: wizardUnfinished,
    enabled: !run,
    refetchInterval: (q) => (q.state.data?.held ? 2000 : false),
  });

  const issues = check.data?.issues ?? [];
  const stepIssues = (n: number) => issues.filter((i) => stepOf(i.field) === n);
  // "Is empty" waits until the user tries to go on; every other rule shows as they type.
  const shown = (n: number) => stepIssues(n).filter((i) => touched.has(n) || !/is empty\.|Pick an/.test(i.message));

  const change = (s: WizardSpec) => setSpec(s);
  // Check the spec as it is now (the as-you-type check is debounced and may lag a keystroke).
  const next = async () => {
    const now = await wizardCheck(spec);
    if (now.issues.some((i) => stepOf(i.field) === step)) {
      client.setQueryData(["wizard-check", spec], now);
      setTouched((t) => new Set(t).add(step));
      return;
    }
    setStep((s) => Math.min(s + 1, 4));
  };

  const apply = useMutation({
    mutationFn: () => wizardApply(spec, plan.data!, confirm || null, setRun),
    onSuccess: (r) => {
      setRun(r);
      void client.invalidateQueries({ queryKey: TENANT_KEY });
    },
    onError: (e) => {
      if (e instanceof CommandError && e.error.kind === "conflict") void plan.refetch();
    },
  });
  // Resume and Undo report their last state (also after an error) and refresh the lists.
  const settled = (r?: RunView) => {
    if (r) setRun(r);
    void client.invalidateQueries({ queryKey: TENANT_KEY });
  };
  const restart = () => {
    setRun(undefined);
    setSpec(EMPTY_SPEC);
    setStep(0);
    setTouched(new Set());
    setConfirm("");
    void wizardClearDraft();
  };

  const production = !!plan.data?.confirm_tenant;
  const writes = plan.data?.steps.filter((s) => s.writes).length ?? 0;
  const existingScopes = spec.api.mode === "existing" ? spec.scopes.map((s) => s.value) : [];

  if (run) {
    return (
      <Stack gap="lg">
        <Title order={2}>{run.status === "undone" ? "Setup undone" : run.status === "done" ? "Setup complete" : "Applying the setup"}</Title>
        <RunSteps run={run} />
        {run.status === "failed" && (
          <Alert color="red" title="A step failed" data-testid="wizard-failed">
            <Stack gap="xs">
              <Text size="sm">Nothing is left half-made: Retry finishes the run and adopts anything that was already created.</Text>
              <Group>
                <ResumeButton run={run} onUpdate={setRun} onDone={settled} label="Retry" data-testid="wizard-retry" />
                <UndoButton run={run} onUpdate={setRun} onDone={settled} label="Undo what was created…" variant="default" data-testid="wizard-undo" />
              </Group>
            </Stack>
          </Alert>
        )}
        {run.status === "done" && <RunResult run={run} onUpdate={setRun} onDone={settled} domain={active?.domain ?? ""} />}
        {(run.status === "undone" || run.status === "done") && (
          <Group>
            <Button variant={run.status === "undone" ? "filled" : "default"} onClick={restart} data-testid="wizard-restart">
              Start a new setup
            </Button>
          </Group>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>Set up machine-to-machine access</Title>
        <Text c="dimmed">on {active?.name ?? "…"} — your answers are saved as you type.</Text>
      </Stack>
      {unfinished.data && (
        <Alert color="yellow" title="An earlier setup did not finish" data-testid="wizard-unfinished">
          <Stack gap="xs">
            <Text size="sm">
              {unfinished.data.steps.filter((s) => s.status === "done").length} of {unfinished.data.steps.length} steps were done. Resume
              finishes it without creating duplicates; Undo deletes what it created.
            </Text>
            {unfinished.data.held ? (
              <HeldBadge />
            ) : (
              <Group>
                <ResumeButton run={unfinished.data} onUpdate={setRun} onDone={settled} size="xs" data-testid="wizard-resume" />
                <UndoButton run={unfinished.data} onUpdate={setRun} onDone={settled} label="Undo it…" size="xs" variant="default" />
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      <Stepper active={step} onStepClick={(n) => n < step && setStep(n)} size="sm" allowNextStepsSelect={false}>
        {STEPS.map((label, i) => (
          <Stepper.Step key={label} label={label} color={touched.has(i) && stepIssues(i).length ? "red" : undefined} />
        ))}
      </Stepper>
      <Group align="flex-start" gap="lg" wrap="nowrap">
        <Card withBorder padding="lg" style={{ flex: 3 }} data-testid={`wizard-step-${step}`}>
          {step === 0 && <AppStep spec={spec} onChange={change} issues={shown(0)} />}
          {step === 1 && <ApiStep spec={spec} onChange={change} issues={shown(1)} warnings={check.data?.warnings} />}
          {step === 2 && <ScopesStep spec={spec} onChange={change} issues={shown(2)} existing={existingScopes} />}
          {step === 3 && <AuthorizeStep spec={spec} onChange={change} issues={shown(3)} plan={plan.data} />}
          {step === 4 && (
            <ReviewStep
              plan={plan.data}
              loading={plan.isFetching}
              error={plan.error?.message}
              confirm={confirm}
              confirmError={apply.error instanceof CommandError && apply.error.error.field === "confirm_tenant" ? apply.error.message : undefined}
              onConfirm={setConfirm}
              onUseExisting={(identifier) => {
                setSpec({ ...spec, api: { mode: "existing", identifier } });
                setStep(2);
              }}
            />
          )}
          {apply.error && !(apply.error instanceof CommandError && apply.error.error.field === "confirm_tenant") && (
            <Alert color="red" mt="md" title="Not applied" data-testid="wizard-apply-error">
              {apply.error.message}
            </Alert>
          )}
          <Group justify="flex-end" mt="lg">
            {step > 0 && (
              <Button variant="default" onClick={() => setStep(step - 1)} data-testid="wizard-back">
                Back
              </Button>
            )}
            {step < 4 ? (
              <Button onClick={() => void next()} data-testid="wizard-next">
                Next: {STEPS[step + 1]}
              </Button>
            ) : (
              <Button
                color={production ? "red" : undefined}
                disabled={!plan.data?.can_apply || (production && !confirm.trim())}
                loading={apply.isPending}
                onClick={() => apply.mutate()}
                data-testid="wizard-apply"
              >
                {writes === 0 ? "Nothing to apply" : `Apply ${writes} change${writes === 1 ? "" : "s"}`}
              </Button>
            )}
          </Group>
        </Card>
        <Text size="sm" c="dimmed" style={{ flex: 1 }} data-testid="wizard-note">
          {NOTES[step]}
        </Text>
      </Group>
    </Stack>
  );
}
