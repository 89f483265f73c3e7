// One application: what it is, the APIs it may call with which scopes, and what can be
// done from here — a test token, a secret rotation proven by a token, revoking a grant.
// Read live from the tenant; every change goes through a reviewed change set.
import { Anchor, Badge, Button, Card, Code, Group, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { IconKey, IconRefresh, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useNavigation } from "../../app/navigation";
import type { AppDetail } from "../../bindings/AppDetail";
import type { AppGrant } from "../../bindings/AppGrant";
import type { ChangeRequest } from "../../bindings/ChangeRequest";
import { CopyValue } from "../../components/Copy";
import { ObjectPage } from "../../components/ObjectPage";
import { appDetail } from "../../ipc";
import { ChangeReview } from "../change/ChangeReview";
import { useLeaveOnSwitch } from "../profiles/useProfiles";
import { RotatedSecretView } from "./RotatedSecret";

export function AppPage({ clientId }: { clientId: string }) {
  const { go } = useNavigation();
  const key = useLeaveOnSwitch({ kind: "area", area: "apps" });
  const app = useQuery({ queryKey: key("app", clientId), queryFn: () => appDetail(clientId) });
  return (
    <ObjectPage testId="app-page" back="Applications" onBack={() => go({ kind: "area", area: "apps" })} noun="application" loading={app.isLoading} error={app.error}>
      {app.data && <AppView app={app.data} />}
    </ObjectPage>
  );
}

function AppView({ app: a }: { app: AppDetail }) {
  const { go } = useNavigation();
  const [request, setRequest] = useState<ChangeRequest | null>(null);
  const kind = request?.kind;
  return (
    <>
      <Stack gap={4}>
        <Title order={1} style={{ overflowWrap: "anywhere" }}>
          {a.name}
        </Title>
        <Group gap="xs">
          <Badge variant="light">{a.app_type === "non_interactive" ? "Machine to Machine" : (a.app_type ?? "unknown type")}</Badge>
          {a.client_credentials ? (
            <Badge variant="light" color="green">
              Client Credentials enabled
            </Badge>
          ) : (
            <Badge variant="light" color="orange">
              Client Credentials not enabled
            </Badge>
          )}
        </Group>
        {a.description && (
          <Text c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {a.description}
          </Text>
        )}
      </Stack>
      <Card withBorder>
        <Stack gap="xs">
          <Group gap="xs">
            <Text size="sm" fw={600} w="8rem">
              Client ID
            </Text>
            <CopyValue value={a.client_id} what="client ID" size="sm" testId="app-client-id" />
          </Group>
          <Group gap="xs">
            <Text size="sm" fw={600} w="8rem">
              Grant types
            </Text>
            <Text size="sm" ff="monospace">
              {a.grant_types.join(", ") || "none"}
            </Text>
          </Group>
        </Stack>
      </Card>
      <Group>
        <Button
          leftSection={<IconKey size={16} />}
          disabled={!a.grants.some((g) => !g.orphaned)}
          onClick={() => {
            const g = a.grants.find((x) => !x.orphaned)!;
            go({ kind: "area", area: "token", prefill: { clientId: a.client_id, audience: g.audience } });
          }}
          data-testid="app-test-token"
        >
          Get a test token
        </Button>
        <Button variant="default" color="red" leftSection={<IconRefresh size={16} />} onClick={() => setRequest({ kind: "rotate_secret", client_id: a.client_id })} data-testid="app-rotate">
          Rotate secret…
        </Button>
      </Group>
      <Grants app={a} onRevoke={(g) => setRequest({ kind: "delete_grant", grant_id: g.grant_id })} />
      <ChangeReview
        request={request}
        title={kind === "rotate_secret" ? `Rotate the secret of ${a.name}` : "Revoke access"}
        applyLabel={kind === "rotate_secret" ? "Rotate now" : "Revoke"}
        ids={kind === "rotate_secret" ? { apply: "app-rotate-confirm", result: "app-rotate-result" } : { apply: "grant-revoke-apply", result: "grant-revoke-result" }}
        onClose={() => setRequest(null)}
        outcome={(o) => o.rotated && <RotatedSecretView rotated={o.rotated} />}
      />
    </>
  );
}

/** The APIs the application may call, with their scopes; orphaned grants are marked. */
function Grants({ app, onRevoke }: { app: AppDetail; onRevoke: (g: AppGrant) => void }) {
  const { go } = useNavigation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Authorized APIs ({app.grants.length})
      </Title>
      {app.grants.length === 0 ? (
        <Text c="dimmed" data-testid="app-no-grants">
          This application is not authorized for any API. Open an API and give it scopes in the access matrix, or use Setup.
        </Text>
      ) : (
        <Card withBorder padding={0}>
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>API</Table.Th>
                <Table.Th>Scopes</Table.Th>
                <Table.Th w="1%">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {app.grants.map((g) => (
                <Table.Tr key={g.grant_id} data-testid={`app-grant-${g.audience}`}>
                  <Table.Td style={{ minWidth: 0 }}>
                    {g.orphaned ? (
                      <Stack gap={2}>
                        <Code style={{ overflowWrap: "anywhere" }}>{g.audience}</Code>
                        <Badge color="orange" variant="light" data-testid="app-grant-orphaned">
                          API deleted: orphaned grant
                        </Badge>
                      </Stack>
                    ) : (
                      <Stack gap={2}>
                        <Anchor component="button" size="sm" fw={500} ta="left" onClick={() => go({ kind: "area", area: "apis", open: g.audience })} style={{ overflowWrap: "anywhere" }} data-testid="app-grant-api">
                          {g.api_name}
                        </Anchor>
                        <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                          {g.audience}
                        </Text>
                      </Stack>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {g.scopes.length ? (
                        g.scopes.map((s) => (
                          <Badge key={s} variant="outline" tt="none">
                            {s}
                          </Badge>
                        ))
                      ) : (
                        <Text size="xs" c="dimmed">
                          no scopes
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {!g.orphaned && (
                        <>
                          <Button size="xs" variant="default" onClick={() => go({ kind: "area", area: "token", prefill: { clientId: app.client_id, audience: g.audience } })}>
                            Test token
                          </Button>
                          <Button size="xs" variant="default" onClick={() => go({ kind: "area", area: "apis", open: g.audience })}>
                            Change scopes
                          </Button>
                        </>
                      )}
                      <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => onRevoke(g)} aria-label={`Revoke access to ${g.api_name}`}>
                        Revoke
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
