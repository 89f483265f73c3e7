import { Alert, Group, NativeSelect, NumberInput, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { FieldIssue } from "../../bindings/FieldIssue";
import type { SpecLimits } from "../../bindings/SpecLimits";
import type { WizardSpec } from "../../bindings/WizardSpec";
import { listApis } from "../../ipc";
import { ApplicationPicker } from "../apps/ApplicationPicker";
import { useTenantKey } from "../profiles/useProfiles";
import { humanSeconds, issueFor } from "./model";

interface StepProps {
  spec: WizardSpec;
  onChange: (spec: WizardSpec) => void;
  issues?: FieldIssue[];
  warnings?: FieldIssue[];
}

export function AppStep({ spec, onChange, issues }: StepProps) {
  const app = spec.app;
  return (
    <Stack gap="md">
      <SegmentedControl
        value={app.mode}
        onChange={(mode) =>
          onChange({ ...spec, app: mode === "new" ? { mode: "new", name: "", description: "" } : { mode: "existing", client_id: "" } })
        }
        data={[
          { value: "new", label: <span data-testid="wizard-app-new">New application</span> },
          { value: "existing", label: <span data-testid="wizard-app-existing">Existing application</span> },
        ]}
        aria-label="Application"
      />
      {app.mode === "new" ? (
        <>
          <TextInput
            label="Name"
            description="Shown in the Auth0 Dashboard, e.g. the service that will call your API"
            placeholder="Orders worker"
            value={app.name}
            onChange={(e) => onChange({ ...spec, app: { ...app, name: e.currentTarget.value } })}
            error={issueFor(issues, "app.name")}
            data-testid="wizard-app-name"
            autoFocus
            required
          />
          <Textarea
            label="Description (optional)"
            placeholder="Syncs orders every night"
            value={app.description}
            onChange={(e) => onChange({ ...spec, app: { ...app, description: e.currentTarget.value } })}
            error={issueFor(issues, "app.description")}
            autosize
            minRows={2}
            data-testid="wizard-app-description"
          />
        </>
      ) : (
        <ApplicationPicker
          label="Machine to Machine application"
          placeholder="Search by name"
          value={app.client_id}
          onChange={(client_id) => onChange({ ...spec, app: { mode: "existing", client_id } })}
          error={issueFor(issues, "app.client_id")}
          data-testid="wizard-app-pick"
        />
      )}
    </Stack>
  );
}

export function ApiStep({ spec, onChange, issues, warnings, limits }: StepProps & { limits?: SpecLimits }) {
  const key = useTenantKey();
  const api = spec.api;
  // Read only to pick an existing API (with its scopes and their descriptions, which the
  // index does not keep); creating one needs no list.
  const apis = useQuery({ queryKey: key("apis"), queryFn: listApis, enabled: api.mode === "existing" });
  const identifierWarnings = (warnings ?? []).filter((w) => w.field === "api.identifier");
  return (
    <Stack gap="md">
      <SegmentedControl
        value={api.mode}
        onChange={(mode) =>
          onChange({
            ...spec,
            scopes: [],
            grant_scopes: [],
            api:
              mode === "new"
                ? { mode: "new", name: "", identifier: "", signing_alg: "RS256", token_lifetime: limits?.token_lifetime_default ?? 0 }
                : { mode: "existing", identifier: "" },
          })
        }
        data={[
          { value: "new", label: <span data-testid="wizard-api-new">Create a new API</span> },
          { value: "existing", label: <span data-testid="wizard-api-existing">Use an existing API</span> },
        ]}
        aria-label="API"
      />
      {api.mode === "new" ? (
        <>
          <TextInput
            label="Name"
            placeholder="Orders API"
            value={api.name}
            onChange={(e) => onChange({ ...spec, api: { ...api, name: e.currentTarget.value } })}
            error={issueFor(issues, "api.name")}
            data-testid="wizard-api-name"
            autoFocus
            required
          />
          <Stack gap={4}>
            <TextInput
              label="Identifier"
              description="The audience tokens ask for. Cannot be changed later."
              placeholder="https://api.example.com/orders"
              value={api.identifier}
              onChange={(e) => onChange({ ...spec, api: { ...api, identifier: e.currentTarget.value } })}
              error={issueFor(issues, "api.identifier")}
              data-testid="wizard-api-identifier"
              required
            />
            {!issueFor(issues, "api.identifier") &&
              identifierWarnings.map((w) => (
                <Text key={w.message} size="xs" c="yellow" data-testid="wizard-identifier-warning">
                  ⚠ {w.message}
                </Text>
              ))}
          </Stack>
          <Group grow align="flex-start">
            <NativeSelect
              label="Signing algorithm"
              description={
                api.signing_alg === "RS256"
                  ? "RS256 (recommended): verified with the tenant's public keys"
                  : "HS256: verified with a shared secret your API must keep"
              }
              value={api.signing_alg}
              onChange={(e) => onChange({ ...spec, api: { ...api, signing_alg: e.currentTarget.value as "RS256" | "HS256" } })}
              data={[
                { value: "RS256", label: "RS256 (recommended)" },
                { value: "HS256", label: "HS256" },
              ]}
              data-testid="wizard-api-alg"
            />
            <NumberInput
              label="Token lifetime (seconds)"
              description={
                limits &&
                `${humanSeconds(api.token_lifetime) || "—"} · Auth0's default is ${limits.token_lifetime_default} (${humanSeconds(limits.token_lifetime_default)}), at most ${humanSeconds(limits.token_lifetime_max)}`
              }
              value={api.token_lifetime}
              min={1}
              max={limits?.token_lifetime_max}
              onChange={(v) => onChange({ ...spec, api: { ...api, token_lifetime: typeof v === "number" ? v : Number(v) || 0 } })}
              error={issueFor(issues, "api.token_lifetime")}
              data-testid="wizard-api-lifetime"
            />
          </Group>
        </>
      ) : (
        <Select
          label="API"
          placeholder={apis.isLoading ? "Loading APIs…" : "Search by name or identifier"}
          searchable
          nothingFoundMessage="No API matches"
          data={(apis.data ?? []).map((a) => ({ value: a.identifier, label: `${a.name} — ${a.identifier}` }))}
          value={api.identifier || null}
          onChange={(v) => {
            const picked = apis.data?.find((a) => a.identifier === v);
            onChange({ ...spec, api: { mode: "existing", identifier: v ?? "" }, scopes: picked?.scopes ?? [], grant_scopes: [] });
          }}
          error={issueFor(issues, "api.identifier") ?? apis.error?.message}
          data-testid="wizard-api-pick"
        />
      )}
      {api.mode === "existing" && api.identifier && (
        <Alert color="blue" p="xs">
          Its existing scopes are kept; you can add more in the next step.
        </Alert>
      )}
    </Stack>
  );
}
