import { Alert, Button, Card, Group, Loader, Stack, Stepper, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { RunView } from "../../bindings/RunView";
import type { WizardSpec } from "../../bindings/WizardSpec";
import { CommandError, wizardApply, wizardCheck, wizardPlan, wizardUnfinished } from "../../ipc";
import { TENANT_KEY, useProfiles, useTenantKey } from "../profiles/useProfiles";
import { ApiStep, AppStep } from "./AppApiSteps";
import { UNFINISHED } from "../../app/startup";
import { STEPS, stepOf } from "./model";
import { ReviewStep } from "./Review";
import { AuthorizeStep, ScopesStep } from "./ScopeSteps";
import { useWizardDraft } from "./useWizardDraft";
import { UnfinishedRun, WizardRun } from "./WizardRun";

const NOTES = [
  "The application is the caller: a backend service, script or daemon. Auth0 creates it as a Machine to Machine application that may use the Client Credentials grant.",
  "The API is what gets called. Tokens name it in their audience (the identifier), and are signed with its algorithm.",
  "Scopes are the permissions your API defines. Existing scopes of a picked API are kept.",
  "The client grant authorizes the application for the API, with some of its scopes.",
  "Nothing has been changed yet. Review the operations; Apply performs exactly these.",
];

/** The setup wizard: the draft's steps, then the run it becomes. */
export function WizardScreen() {
  const { active } = useProfiles();
  const client = useQueryClient();
  // The run shown belongs to the tenant it ran on: switching tenants leaves it for that
  // tenant's draft (and coming back shows the draft, not the old run).
  const [shownRun, setShownRun] = useState<{ profile?: string; run: RunView }>();
  if (shownRun && shownRun.profile !== active?.id) setShownRun(undefined);
  const run = shownRun?.profile === active?.id ? shownRun?.run : undefined;
  const setRun = (r?: RunView) => setShownRun(r && { profile: active?.id, run: r });
  const draft = useWizardDraft(!run);

  // Resume and Undo report their last state (also after an error) and refresh the lists.
  const settled = (r?: RunView) => {
    if (r) setRun(r);
    void client.invalidateQueries({ queryKey: TENANT_KEY });
  };
  const restart = () => {
    setRun(undefined);
    void draft.restart();
  };

  if (run) return <WizardRun run={run} domain={active?.domain ?? ""} onUpdate={setRun} onDone={settled} onRestart={restart} />;
  if (!draft.spec || !draft.debounced) return <Loader />;
  return <Steps key={active?.id} spec={draft.spec} debounced={draft.debounced} draft={draft} onRun={setRun} onDone={settled} />;
}

type Draft = ReturnType<typeof useWizardDraft>;

function Steps({
  spec,
  debounced,
  draft,
  onRun,
  onDone,
}: {
  spec: WizardSpec;
  debounced: WizardSpec;
  draft: Draft;
  onRun: (run: RunView) => void;
  onDone: (run?: RunView) => void;
}) {
  const key = useTenantKey();
  const { active } = useProfiles();
  const client = useQueryClient();
  const { step, setStep, setSpec } = draft;
  const [touched, setTouched] = useState<Set<number>>(new Set());
  const [confirm, setConfirm] = useState("");
  // Each step takes the focus (its first field, or the step itself), so the keyboard
  // continues where the eye does.
  const card = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!card.current?.contains(document.activeElement)) card.current?.focus();
  }, [step]);

  const check = useQuery({ queryKey: ["wizard-check", debounced], queryFn: () => wizardCheck(debounced), placeholderData: (prev) => prev });
  const plan = useQuery({
    queryKey: key("wizard-plan", spec),
    queryFn: () => wizardPlan(spec),
    enabled: step === 4 || (step === 3 && spec.app.mode === "existing" && spec.api.mode === "existing"),
    staleTime: 0,
  });
  const unfinished = useQuery({
    queryKey: key(UNFINISHED),
    queryFn: wizardUnfinished,
    refetchInterval: (q) => (q.state.data?.held ? 2000 : false),
  });

  const stepIssues = (n: number) => (check.data?.issues ?? []).filter((i) => stepOf(i.field) === n);
  // "Required" waits until the user tries to go on; every other rule shows as they type.
  const shown = (n: number) => stepIssues(n).filter((i) => touched.has(n) || i.code !== "required");

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

  // The run replaces these steps as soon as it reports progress, so its end is handled in
  // mutationFn (which outlives this component), not in an onSuccess that may not.
  const apply = useMutation({
    mutationFn: async () => {
      const r = await wizardApply(spec, plan.data!, confirm || null, onRun);
      onDone(r);
      return r;
    },
    onError: (e) => {
      if (e instanceof CommandError && e.error.kind === "conflict") void plan.refetch();
    },
  });
  const confirmError =
    apply.error instanceof CommandError && apply.error.error.field === "confirm_tenant" ? apply.error.message : undefined;

  const production = !!plan.data?.confirm_tenant;
  const writes = plan.data?.steps.filter((s) => s.writes).length ?? 0;
  const existingScopes = spec.api.mode === "existing" ? spec.scopes.map((s) => s.value) : [];

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          Set up machine-to-machine access
        </Title>
        <Text c="dimmed">on {active?.name ?? "…"} — your answers are saved as you type.</Text>
      </Stack>
      {unfinished.data && <UnfinishedRun run={unfinished.data} onUpdate={onRun} onDone={onDone} />}
      <Stepper active={step} onStepClick={(n) => n < step && setStep(n)} size="sm" allowNextStepsSelect={false}>
        {STEPS.map((label, i) => (
          <Stepper.Step key={label} label={label} color={touched.has(i) && stepIssues(i).length ? "red" : undefined} />
        ))}
      </Stepper>
      {/* The note goes below the step when the window (or zoom) leaves no room beside it. */}
      <Group align="flex-start" gap="lg">
        <Card
          withBorder
          padding="lg"
          style={{ flex: "3 1 26rem", minWidth: 0 }}
          data-testid={`wizard-step-${step}`}
          component="form"
          // Rust's rules speak, not the browser's (a required field's own bubble).
          noValidate
          ref={card}
          tabIndex={-1}
          aria-label={`Step ${step + 1} of ${STEPS.length}: ${STEPS[step]}`}
          onSubmit={(e: FormEvent) => {
            // Enter in a field goes on, as Next does; Apply is never pressed by Enter alone.
            e.preventDefault();
            if (step < 4) void next();
          }}
        >
          {step === 0 && <AppStep spec={spec} onChange={setSpec} issues={shown(0)} />}
          {step === 1 && (
            <ApiStep spec={spec} onChange={setSpec} issues={shown(1)} warnings={check.data?.warnings} limits={check.data?.limits} />
          )}
          {step === 2 && <ScopesStep spec={spec} onChange={setSpec} issues={shown(2)} existing={existingScopes} />}
          {step === 3 && <AuthorizeStep spec={spec} onChange={setSpec} issues={shown(3)} plan={plan.data} />}
          {step === 4 && (
            <ReviewStep
              plan={plan.data}
              loading={plan.isFetching}
              error={plan.error?.message}
              confirm={confirm}
              confirmError={confirmError}
              onConfirm={setConfirm}
              onUseExisting={(identifier) => {
                setSpec({ ...spec, api: { mode: "existing", identifier } });
                setStep(2);
              }}
            />
          )}
          {apply.error && !confirmError && (
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
              <Button type="submit" data-testid="wizard-next">
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
        <Text size="sm" c="dimmed" style={{ flex: "1 1 12rem" }} data-testid="wizard-note">
          {NOTES[step]}
        </Text>
      </Group>
    </Stack>
  );
}
