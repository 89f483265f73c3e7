import { Alert, Badge, Button, Card, Group, Modal, Stack, Text, Title } from "@mantine/core";
import { IconPencil, IconPlugConnected, IconPlus, IconRefresh, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ConnectionReport } from "../../bindings/ConnectionReport";
import type { Profile } from "../../bindings/Profile";
import { useNavigation } from "../../app/navigation";
import { removeProfile, resetSandbox, testProfileConnection } from "../../ipc";
import { envColor, envLabel } from "./environment";
import { PermissionList, PermissionSummary } from "./PermissionList";
import { PROFILES_KEY, TENANT_KEY, useProfiles, useSwitchProfile } from "./useProfiles";

/** Every tenant profile, with switch, test, edit, remove (and reset for the Sandbox). */
export function TenantsScreen() {
  const { data, error } = useProfiles();
  const { go } = useNavigation();
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Stack gap={4}>
          <Title order={1} size="h2">
            Tenants
          </Title>
          <Text c="dimmed">Each tenant is a profile; its secret stays in your system keychain.</Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => go({ kind: "add-tenant" })} data-testid="tenants-add">
          Add tenant
        </Button>
      </Group>
      {error && <Alert color="red">{error.message}</Alert>}
      {data?.profiles.map((p) => (
        <TenantCard key={p.id} profile={p} active={p.id === data.active_id} />
      ))}
    </Stack>
  );
}

function TenantCard({ profile: p, active }: { profile: Profile; active: boolean }) {
  const client = useQueryClient();
  const { go } = useNavigation();
  const switcher = useSwitchProfile();
  const [report, setReport] = useState<ConnectionReport>();
  const [confirm, setConfirm] = useState<"remove" | "reset">();
  const test = useMutation({ mutationFn: () => testProfileConnection(p.id), onSuccess: setReport });
  const remove = useMutation({
    mutationFn: () => removeProfile(p.id),
    onSuccess: (view) => {
      client.setQueryData(PROFILES_KEY, view);
      void client.invalidateQueries({ queryKey: TENANT_KEY });
      setConfirm(undefined);
    },
  });
  const reset = useMutation({
    mutationFn: resetSandbox,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: TENANT_KEY });
      setConfirm(undefined);
    },
  });
  const sandbox = p.kind === "sandbox";

  return (
    <Card withBorder padding="lg" data-testid={`tenant-card-${p.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} miw={0}>
            <Group gap="xs">
              <Text fw={700} size="lg">
                {p.name}
              </Text>
              <Badge color={envColor(p.environment)} variant="light">
                {envLabel(p.environment)}
              </Badge>
              {active && <Badge variant="filled">Active</Badge>}
              {p.secret_storage === "session" && (
                <Badge color="orange" variant="light">
                  secret for this session only
                </Badge>
              )}
            </Group>
            <Text ff="monospace" size="sm" c="dimmed" truncate>
              {p.domain}
            </Text>
            {p.note && <Text size="sm">{p.note}</Text>}
            {!sandbox && (
              <Text size="xs" c="dimmed" ff="monospace">
                Client ID {p.client_id}
              </Text>
            )}
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {!active && (
              <Button size="xs" variant="light" onClick={() => switcher.mutate(p.id)} data-testid={`tenant-switch-${p.id}`}>
                Switch to
              </Button>
            )}
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlugConnected size={14} />}
              loading={test.isPending}
              onClick={() => test.mutate()}
              data-testid={`tenant-test-${p.id}`}
            >
              Test connection
            </Button>
            {sandbox ? (
              <Button
                size="xs"
                variant="default"
                color="orange"
                leftSection={<IconRefresh size={14} />}
                onClick={() => setConfirm("reset")}
              >
                Reset…
              </Button>
            ) : (
              <>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconPencil size={14} />}
                  onClick={() => go({ kind: "edit-tenant", id: p.id })}
                  data-testid={`tenant-edit-${p.id}`}
                >
                  Edit
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  onClick={() => setConfirm("remove")}
                  data-testid={`tenant-remove-${p.id}`}
                >
                  Remove…
                </Button>
              </>
            )}
          </Group>
        </Group>
        {p.same_tenant_as.length > 0 && (
          <Alert color="yellow" p="xs">
            Points at the same tenant as {p.same_tenant_as.join(", ")}.
          </Alert>
        )}
        {p.needs_secret && (
          <Alert color="orange" p="xs">
            The secret was kept for an earlier session only. Edit this tenant and enter it again.
          </Alert>
        )}
        {test.error && (
          <Alert color="red" title="Could not connect" data-testid={`tenant-test-error-${p.id}`}>
            {test.error.message}
          </Alert>
        )}
        {report && (
          <Stack gap="xs" data-testid={`tenant-test-result-${p.id}`}>
            <PermissionSummary ready={report.ready} summary={report.summary} />
            {!report.ready && <PermissionList permissions={report.permissions.filter((x) => !x.granted)} tested />}
          </Stack>
        )}
      </Stack>
      <Modal opened={confirm === "remove"} onClose={() => setConfirm(undefined)} title={`Remove ${p.name}?`}>
        <Stack>
          <Text size="sm">
            Grantsmith forgets this tenant and deletes its client secret from your keychain. Nothing changes on the tenant itself.
          </Text>
          {remove.error && <Alert color="red">{remove.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(undefined)}>
              Keep it
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()} data-testid="tenant-remove-confirm">
              Remove {p.name}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={confirm === "reset"} onClose={() => setConfirm(undefined)} title="Reset the Sandbox tenant?">
        <Stack>
          <Text size="sm">Deletes every application, API and grant in the local Sandbox. Your Auth0 tenants are not touched.</Text>
          {reset.error && <Alert color="red">{reset.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(undefined)}>
              Cancel
            </Button>
            <Button color="orange" loading={reset.isPending} onClick={() => reset.mutate()} data-testid="sandbox-reset-confirm">
              Empty the Sandbox
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
