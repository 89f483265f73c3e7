import { Button, Group, List, Modal, Stack, Text, type ButtonProps } from "@mantine/core";
import { useState } from "react";
import type { RunView } from "../../bindings/RunView";

/** Undo asks first, listing exactly what will be deleted. */
export function UndoButton({ run, onUndo, loading, label, ...props }: { run: RunView; onUndo: () => void; loading: boolean; label: string } & ButtonProps) {
  const [open, setOpen] = useState(false);
  const created = run.steps.filter((s) => s.created && s.status === "done");
  return (
    <>
      <Button {...props} loading={loading} onClick={() => setOpen(true)} data-testid="wizard-undo">
        {label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Undo this setup?">
        <Stack>
          {created.length > 0 ? (
            <>
              <Text size="sm">These objects were created by this setup and will be deleted from the tenant, newest first:</Text>
              <List size="sm">
                {[...created].reverse().map((s) => (
                  <List.Item key={s.idx}>
                    {s.title} <Text span size="xs" ff="monospace" c="dimmed">{s.object_id}</Text>
                  </List.Item>
                ))}
              </List>
              <Text size="xs" c="dimmed">Changes to objects that existed before (added scopes, changed grants) are kept.</Text>
            </>
          ) : (
            <Text size="sm">This setup created nothing that needs deleting.</Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Keep everything
            </Button>
            <Button
              color="red"
              onClick={() => {
                setOpen(false);
                onUndo();
              }}
              data-testid="wizard-undo-confirm"
            >
              Delete {created.length} object{created.length === 1 ? "" : "s"}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
