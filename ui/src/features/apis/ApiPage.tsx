// One API: identifier, algorithm, token lifetime; who may call it with which scopes (the
// access matrix) and its scopes (the editor). Read live; changes go through reviewed
// change sets.
import { Badge, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { IconLock, IconTable } from "@tabler/icons-react";
import { useNavigation } from "../../app/navigation";
import type { ApiDetail } from "../../bindings/ApiDetail";
import { CopyValue } from "../../components/CopyValue";
import { ObjectPage } from "../../components/ObjectPage";
import { apiDetail } from "../../ipc";
import { useLeaveOnSwitch } from "../profiles/useProfiles";
import { AccessMatrix } from "./AccessMatrix";
import { ScopeEditor } from "./ScopeEditor";

/** "1 day", "2 h", "45 min". */
function lifetime(seconds: number) {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} day${seconds === 86_400 ? "" : "s"}`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  return `${Math.round(seconds / 60)} min`;
}

export function ApiPage({ audience }: { audience: string }) {
  const { go } = useNavigation();
  const key = useLeaveOnSwitch({ kind: "area", area: "apis" });
  const api = useQuery({ queryKey: key("api", audience), queryFn: () => apiDetail(audience) });
  return (
    <ObjectPage
      data-testid="api-page"
      back="APIs"
      onBack={() => go({ kind: "area", area: "apis" })}
      noun="API"
      loading={api.isLoading}
      error={api.error}
    >
      {api.data && <ApiView api={api.data} />}
    </ObjectPage>
  );
}

function ApiView({ api: a }: { api: ApiDetail }) {
  return (
    <>
      <Stack gap="xs">
        <Title order={1} style={{ overflowWrap: "anywhere" }}>
          {a.name}
        </Title>
        <CopyValue value={a.identifier} what="identifier (audience)" size="sm" testId="api-identifier" />
        <Group gap="xs">
          <Badge variant="light" color={a.signing_alg === "HS256" ? "grape" : "indigo"}>
            {a.signing_alg ?? "RS256"}
          </Badge>
          {a.token_lifetime != null && (
            <Badge variant="light" color="gray">
              tokens live {lifetime(a.token_lifetime)}
            </Badge>
          )}
          <Text size="sm" c="dimmed">
            {a.scopes.length} scope{a.scopes.length === 1 ? "" : "s"}, {a.grants.length} application{a.grants.length === 1 ? "" : "s"}{" "}
            authorized
          </Text>
        </Group>
        {a.is_system && (
          <Text size="sm" c="dimmed">
            This is Auth0's own API: its scopes are defined by Auth0.
          </Text>
        )}
      </Stack>
      <Tabs defaultValue="access" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="access" leftSection={<IconTable size={16} />} data-testid="api-tab-access">
            Access
          </Tabs.Tab>
          <Tabs.Tab value="scopes" leftSection={<IconLock size={16} />} data-testid="api-tab-scopes">
            Scopes
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="access" pt="md">
          <AccessMatrix api={a} />
        </Tabs.Panel>
        <Tabs.Panel value="scopes" pt="md">
          <ScopeEditor api={a} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
