import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  PasswordInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconAlertTriangle, IconPlugConnected } from "@tabler/icons-react";
import type { ChangeEvent, FormEvent } from "react";
import type { Profile } from "../../bindings/Profile";
import { ConnectionPanel } from "./ConnectionPanel";
import { ENVIRONMENTS } from "./environment";
import { useProfileForm, type Field } from "./useProfileForm";

/** Add a tenant, or edit one (`editing`): inline rules from Rust, a guide, Test connection. */
export function ProfileForm({ editing }: { editing?: Profile }) {
  const form = useProfileForm(editing);
  const { input, set, blur, issueFor, test, save } = form;
  // The props every text field shares: value, change, leave, its rule.
  const field = (f: Field) => ({
    value: input[f] ?? "",
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(f)(e.currentTarget.value),
    onBlur: blur(f),
    error: issueFor(f),
  });

  return (
    <Stack gap="lg" maw={1040}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {editing ? `Edit ${editing.name}` : "Connect an Auth0 tenant"}
        </Title>
        <Text c="dimmed">
          Grantsmith talks to your tenant through a Machine to Machine application that is authorized for the Auth0 Management API. Its
          secret is kept in your system keychain, never on disk.
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card
          withBorder
          padding="lg"
          component="form"
          // Enter in a field saves, as the button does; the rules are Rust's, not the browser's.
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void form.onSave();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label="Name"
              description="How this tenant appears in Grantsmith"
              placeholder="Acme Production"
              {...field("name")}
              autoFocus
              data-testid="profile-name"
              required
            />
            <TextInput
              label="Domain"
              description="Your tenant's domain, from Dashboard → Settings"
              placeholder="acme.eu.auth0.com"
              {...field("domain")}
              data-testid="profile-domain"
              required
            />
            <TextInput
              label="Custom domain (optional)"
              description="Only if your tokens are issued on a custom domain"
              placeholder="login.acme.com"
              {...field("custom_domain")}
              data-testid="profile-custom-domain"
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Environment
              </Text>
              <SegmentedControl
                value={input.environment ?? "development"}
                onChange={set("environment")}
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
              {...field("client_id")}
              data-testid="profile-client-id"
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
              required
            />
            <PasswordInput
              label="Client secret"
              description={editing ? "Leave empty to keep the stored secret" : "Stored in your system keychain"}
              {...field("client_secret")}
              data-testid="profile-client-secret"
              required={!editing}
            />
            {form.warnings.map((w) => (
              <Alert key={w} color="yellow" icon={<IconAlertTriangle size={16} />} p="xs" data-testid="profile-warning">
                {w}
              </Alert>
            ))}
            {form.keychainProblem && (
              <Alert color="orange" title="The system keychain is not available" data-testid="keychain-problem">
                <Stack gap="xs">
                  <Text size="sm">{form.keychainProblem}</Text>
                  <Checkbox
                    label="Keep the secret for this session only (you will enter it again after restarting)"
                    checked={input.session_only}
                    onChange={(e) => set("session_only")(e.currentTarget.checked)}
                    data-testid="profile-session-only"
                  />
                </Stack>
              </Alert>
            )}
            {form.saveError && (
              <Alert color="red" title="Not saved" data-testid="profile-save-error">
                {form.saveError.message}
              </Alert>
            )}
            {/* Test connection at the left, Cancel and Save as one group at the right: in a narrow
                card the pair wraps under it together instead of Cancel standing alone. */}
            <Group justify="space-between" mt="sm" gap="xs">
              <Button
                variant="light"
                leftSection={<IconPlugConnected size={16} />}
                loading={test.isPending}
                disabled={!form.valid}
                onClick={() => test.mutate()}
                data-testid="profile-test"
              >
                Test connection
              </Button>
              <Group gap="xs" ml="auto">
                <Button variant="subtle" color="gray" onClick={form.cancel}>
                  Cancel
                </Button>
                <Button type="submit" loading={save.isPending} data-testid="profile-save">
                  {editing ? "Save changes" : "Save tenant"}
                </Button>
              </Group>
            </Group>
            {!form.report && !editing && (
              <Text size="xs" c="dimmed" ta="right" data-testid="profile-untested-note">
                Not tested yet — you can save anyway and test later.
              </Text>
            )}
          </Stack>
        </Card>
        <ConnectionPanel testing={test.isPending} error={form.testError} report={form.report} />
      </SimpleGrid>
    </Stack>
  );
}
