import { Alert, Badge, Button, Group, List, Loader, Modal, Stack, Text, type ButtonProps } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { RunReview } from "../../bindings/RunReview";
import type { RunView } from "../../bindings/RunView";
import { CommandError, runReview, wizardResume, wizardUndo } from "../../ipc";
import { ConfirmTenant } from "./ConfirmTenant";

/** Shown instead of Resume / Undo while another window or process executes the run. */
export function HeldBadge() {
  return (
    <Badge color="blue" variant="light" data-testid="run-held">
      being applied in another window
    </Badge>
  );
}

function fieldError(e: unknown, field: string): string | undefined {
  return e instanceof CommandError && e.error.field === field ? e.error.message : undefined;
}

/**
 * Resume: the run is re-planned against its own tenant first. With nothing changed, no
 * production confirmation and the run on the active tenant, it resumes at once; otherwise
 * the differences (and the tenant's name to type) are shown and confirmed.
 */
export function ResumeButton({
  run,
  onUpdate,
  onDone,
  label = "Resume",
  ...props
}: { run: RunView; onUpdate: (r: RunView) => void; onDone: (r?: RunView) => void; label?: string; "data-testid"?: string } & ButtonProps) {
  const [review, setReview] = useState<RunReview>();
  const [confirm, setConfirm] = useState("");
  const resume = useMutation({
    mutationFn: (r: RunReview) => wizardResume(run.id, r.changes, confirm || null, onUpdate),
    onSuccess: (r) => {
      setReview(undefined);
      onDone(r);
    },
    onError: () => onDone(),
  });
  const open = useMutation({
    mutationFn: () => runReview(run.id),
    onSuccess: (r) => {
      if (r.changes.length === 0 && r.blockers.length === 0 && !r.confirm_tenant && r.on_active_profile) resume.mutate(r);
      else setReview(r);
    },
  });
  const error = open.error ?? resume.error;
  return (
    <>
      <Button data-testid="run-resume" {...props} onClick={() => open.mutate()} loading={open.isPending || resume.isPending}>
        {label}
      </Button>
      {error && !review && (
        <Alert color="red" mt="xs" data-testid="run-error">
          {error.message}
        </Alert>
      )}
      <Modal opened={!!review} onClose={() => setReview(undefined)} title="Resume this setup?">
        {review && (
          <Stack>
            {!review.on_active_profile && (
              <Alert color="yellow" data-testid="run-other-tenant">
                This setup ran on {review.profile_name}, not on the tenant you are looking at. It is resumed there.
              </Alert>
            )}
            {review.changes.length > 0 && (
              <>
                <Text size="sm" fw={500}>
                  The tenant changed since you reviewed this setup:
                </Text>
                <List size="sm" data-testid="run-changes">
                  {review.changes.map((c) => (
                    <List.Item key={c}>{c}</List.Item>
                  ))}
                </List>
              </>
            )}
            {review.blockers.map((b) => (
              <Alert key={b} color="red" title="Cannot resume" data-testid="run-blocker">
                {b}
              </Alert>
            ))}
            {review.confirm_tenant && (
              <ConfirmTenant
                name={review.confirm_tenant}
                value={confirm}
                onChange={setConfirm}
                error={fieldError(resume.error, "confirm_tenant")}
              />
            )}
            {resume.error && !fieldError(resume.error, "confirm_tenant") && <Alert color="red">{resume.error.message}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setReview(undefined)}>
                Not now
              </Button>
              <Button
                onClick={() => resume.mutate(review)}
                loading={resume.isPending}
                disabled={review.blockers.length > 0}
                data-testid="run-resume-confirm"
              >
                Resume on {review.profile_name}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

/** Undo asks first, listing exactly what will be deleted, on which tenant. */
export function UndoButton({
  run,
  onUpdate,
  onDone,
  label,
  ...props
}: { run: RunView; onUpdate: (r: RunView) => void; onDone: (r?: RunView) => void; label: string; "data-testid"?: string } & ButtonProps) {
  const [review, setReview] = useState<RunReview>();
  const [confirm, setConfirm] = useState("");
  const open = useMutation({ mutationFn: () => runReview(run.id), onSuccess: setReview });
  const undo = useMutation({
    mutationFn: () => wizardUndo(run.id, confirm || null, onUpdate),
    onSuccess: (r) => {
      setReview(undefined);
      onDone(r);
    },
    onError: () => onDone(),
  });
  const created = run.steps.filter((s) => s.created && s.status === "done");
  return (
    <>
      <Button data-testid="run-undo" {...props} loading={open.isPending || undo.isPending} onClick={() => open.mutate()}>
        {label}
      </Button>
      {open.error && (
        <Alert color="red" mt="xs">
          {open.error.message}
        </Alert>
      )}
      <Modal opened={!!review} onClose={() => setReview(undefined)} title="Undo this setup?">
        {review ? (
          <Stack>
            {created.length > 0 ? (
              <>
                <Text size="sm">
                  These objects were created by this setup and will be deleted from {review.profile_name}, newest first:
                </Text>
                <List size="sm">
                  {[...created].reverse().map((s) => (
                    <List.Item key={s.idx}>
                      {s.title}{" "}
                      <Text span size="xs" ff="monospace" c="dimmed">
                        {s.object_id}
                      </Text>
                    </List.Item>
                  ))}
                </List>
                <Text size="xs" c="dimmed">
                  Changes to objects that existed before (added scopes, changed grants) are kept.
                </Text>
              </>
            ) : (
              <Text size="sm">This setup created nothing that needs deleting.</Text>
            )}
            {review.confirm_tenant && (
              <ConfirmTenant
                name={review.confirm_tenant}
                value={confirm}
                onChange={setConfirm}
                error={fieldError(undo.error, "confirm_tenant")}
              />
            )}
            {undo.error && !fieldError(undo.error, "confirm_tenant") && <Alert color="red">{undo.error.message}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setReview(undefined)}>
                Keep everything
              </Button>
              <Button color="red" onClick={() => undo.mutate()} loading={undo.isPending} data-testid="run-undo-confirm">
                Delete {created.length} object{created.length === 1 ? "" : "s"}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Loader size="sm" />
        )}
      </Modal>
    </>
  );
}
