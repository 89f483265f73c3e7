import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  PasswordInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAlertTriangle, IconPlugConnected } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ConnectionReport } from "../../bindings/ConnectionReport";
import type { Profile } from "../../bindings/Profile";
import type { ProfileInput } from "../../bindings/ProfileInput";
import { useNavigation } from "../../app/navigation";
import { addProfile, checkProfileInput, CommandError, permissionGuide, testNewConnection, updateProfile } from "../../ipc";
import { ENVIRONMENTS } from "./environment";
import { PermissionList, PermissionSummary } from "./PermissionList";
import { PROFILES_KEY, TENANT_KEY } from "./useProfiles";

type Field = "name" | "domain" | "custom_domain" | "client_id" | "client_secret";

const EMPTY: ProfileInput = { name: "", domain: "", environment: "development", client_id: "", client_secret: "", session_only: false };

/** Add a tenant, or edit one (`editing`): inline rules from Rust, a guide, Test connection. */
export function ProfileForm({ editing }: { editing?: Profile }) {
  const { go } = useNavigation();
  const client = useQueryClient();
  const [input, setInput] = useState<ProfileInput>(
    editing
      ? { ...EMPTY, name: editing.name, domain: editing.domain, custom_domain: editing.custom_domain, environment: editing.environment, client_id: editing.client_id }
      : EMPTY,
  );
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [report, setReport] = useState<ConnectionReport>();
  const [submitted, setSubmitted] = useState(false);
  const [keychainProblem, setKeychainProblem] = useState<string>();

  // Every rule lives in Rust; ask it as the user types (debounced).
  const [debounced] = useDebouncedValue(input, 200);
  const checkOf = (value: ProfileInput) => ({
    queryKey: ["profile-check", value, editing?.id],
    queryFn: () => checkProfileInput(value, editing?.id ?? null),
  });
  const check = useQuery(checkOf(debounced));
  const guide = useQuery({ queryKey: ["permission-guide"], queryFn: permissionGuide, staleTime: Infinity });
  const issueFor = (f: Field) =>
    touched[f] || submitted ? check.data?.issues.find((i) => i.field === f)?.message : undefined;

  const set = (f: keyof ProfileInput) => (value: string) => {
    setInput((i) => ({ ...i, [f]: value }));
    setReport(undefined);
  };
  const blur = (f: Field) => () => setTouched((t) => ({ ...t, [f]: true }));

  const test = useMutation({ mutationFn: () => testNewConnection(input, editing?.id ?? null), onSuccess: setReport });
  const save = useMutation({
    mutationFn: () => (editing ? updateProfile(editing.id, input) : addProfile(input)),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: PROFILES_KEY });
      await client.invalidateQueries({ queryKey: TENANT_KEY });
      go({ kind: "tenants" });
    },
    onError: (e) => {
      if (e instanceof CommandError && e.error.kind === "keychain_unavailable") setKeychainProblem(e.message);
    },
  });
  // Save checks what is typed now, not the debounced value, so a quick Save is never lost.
  const onSave = async () => {
    setSubmitted(true);
    const now = await client.fetchQuery(checkOf(input));
    if (now.issues.length === 0) save.mutate();
  };
  const saveError = save.error instanceof CommandError && save.error.error.kind !== "keychain_unavailable" ? save.error : undefined;
  const testError = test.error instanceof CommandError ? test.error : undefined;

  return (
    <Stack gap="lg" maw={1040}>
      <Stack gap={4}>
        <Title order={2}>{editing ? `Edit ${editing.name}` : "Connect an Auth0 tenant"}</Title>
        <Text c="dimmed">
          Grantsmith talks to your tenant through a Machine to Machine application that is authorized for the Auth0
          Management API. Its secret is kept in your system keychain, never on disk.
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg">
          <Stack gap="sm">
            <TextInput
              label="Name"
              description="How this tenant appears in Grantsmith"
              placeholder="Acme Production"
              value={input.name}
              onChange={(e) => set("name")(e.currentTarget.value)}
              onBlur={blur("name")}
              error={issueFor("name")}
              data-testid="profile-name"
              required
            />
            <TextInput
              label="Domain"
              description="Your tenant's domain, from Dashboard → Settings"
              placeholder="acme.eu.auth0.com"
              value={input.domain}
              onChange={(e) => set("domain")(e.currentTarget.value)}
              onBlur={blur("domain")}
              error={issueFor("domain")}
              data-testid="profile-domain"
              required
            />
            <TextInput
              label="Custom domain (optional)"
              description="Only if your tokens are issued on a custom domain"
              placeholder="login.acme.com"
              value={input.custom_domain ?? ""}
              onChange={(e) => set("custom_domain")(e.currentTarget.value)}
              onBlur={blur("custom_domain")}
              error={issueFor("custom_domain")}
              data-testid="profile-custom-domain"
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Environment
              </Text>
              <SegmentedControl
                value={input.environment ?? "development"}
                onChange={(v) => setInput((i) => ({ ...i, environment: v as ProfileInput["environment"] }))}
                data={ENVIRONMENTS.map((e) => ({ value: e.value, label: <span data-testid={`env-${e.value}`}>{e.label}</span> }))}
                aria-label="Environment"
              />
              <Text size="xs" c="dimmed">
                Production tenants show a red band, and every change asks you to type the tenant's name.
              </Text>
            </Stack>
            <TextInput
              label="Client ID"
              description="Of the Machine to Machine application Grantsmith uses"
              value={input.client_id}
              onChange={(e) => set("client_id")(e.currentTarget.value)}
              onBlur={blur("client_id")}
              error={issueFor("client_id")}
              data-testid="profile-client-id"
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
              required
            />
            <PasswordInput
              label="Client secret"
              description={editing ? "Leave empty to keep the stored secret" : "Stored in your system keychain"}
              value={input.client_secret ?? ""}
              onChange={(e) => set("client_secret")(e.currentTarget.value)}
              onBlur={blur("client_secret")}
              error={issueFor("client_secret")}
              data-testid="profile-client-secret"
              required={!editing}
            />
            {check.data?.warnings.map((w) => (
              <Alert key={w} color="yellow" icon={<IconAlertTriangle size={16} />} p="xs" data-testid="profile-warning">
                {w}
              </Alert>
            ))}
            {keychainProblem && (
              <Alert color="orange" title="The system keychain is not available" data-testid="keychain-problem">
                <Stack gap="xs">
                  <Text size="sm">{keychainProblem}</Text>
                  <Checkbox
                    label="Keep the secret for this session only (you will enter it again after restarting)"
                    checked={input.session_only}
                    onChange={(e) => setInput((i) => ({ ...i, session_only: e.currentTarget.checked }))}
                    data-testid="profile-session-only"
                  />
                </Stack>
              </Alert>
            )}
            {saveError && (
              <Alert color="red" title="Not saved" data-testid="profile-save-error">
                {saveError.message}
              </Alert>
            )}
            <Group justify="flex-end" mt="sm" gap="xs" wrap="nowrap">
              <Button variant="subtle" color="gray" onClick={() => go({ kind: "tenants" })}>
                Cancel
              </Button>
              <Group gap="xs" wrap="nowrap">
                <Button
                  variant="light"
                  leftSection={<IconPlugConnected size={16} />}
                  loading={test.isPending}
                  disabled={(check.data?.issues.length ?? 1) > 0}
                  onClick={() => test.mutate()}
                  data-testid="profile-test"
                >
                  Test connection
                </Button>
                <Button onClick={onSave} loading={save.isPending} data-testid="profile-save">
                  {editing ? "Save changes" : "Save tenant"}
                </Button>
              </Group>
            </Group>
            {!report && !editing && (
              <Text size="xs" c="dimmed" ta="right" data-testid="profile-untested-note">
                Not tested yet — you can save anyway and test later.
              </Text>
            )}
          </Stack>
        </Card>
        <Stack gap="lg">
          {(report || testError || test.isPending) && (
            <Card withBorder padding="lg" data-testid="profile-test-result">
              {test.isPending && <Text>Getting a management token…</Text>}
              {testError && (
                <Alert color="red" title="Could not connect">
                  {testError.message}
                </Alert>
              )}
              {report && (
                <Stack gap="sm">
                  <PermissionSummary ready={report.ready} summary={report.summary} />
                  <PermissionList permissions={report.permissions} tested />
                  {report.extra.length > 0 && (
                    <Text size="xs" c="dimmed">
                      Also granted, not used by Grantsmith: {report.extra.join(", ")}. Least privilege suggests removing them.
                    </Text>
                  )}
                </Stack>
              )}
            </Card>
          )}
          <Card withBorder padding="lg">
            <Stack gap="xs">
              <Text fw={600}>Create the management application in Auth0</Text>
              <List type="ordered" size="sm" spacing={4}>
                <List.Item>Dashboard → Applications → Create Application → “Machine to Machine Applications”.</List.Item>
                <List.Item>Authorize it for the Auth0 Management API with the permissions below, and nothing more.</List.Item>
                <List.Item>Copy its Domain, Client ID and Client Secret from the Settings tab into this form.</List.Item>
              </List>
              {guide.data && <PermissionList permissions={guide.data} tested={false} />}
            </Stack>
          </Card>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
