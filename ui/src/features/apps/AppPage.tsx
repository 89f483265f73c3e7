// One application: what it is, the APIs it may call with which scopes, and what can be
// done from here — a test token, a secret rotation proven by a token, revoking a grant.
// Read live from the tenant; every change goes through a reviewed change set.
import { Anchor, Badge, Button, Card, Code, Group, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { IconEye, IconEyeOff, IconKey, IconPencil, IconRefresh, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useNavigation } from "../../app/navigation";
import type { AppDetail } from "../../bindings/AppDetail";
import type { AppGrant } from "../../bindings/AppGrant";
import type { ChangeRequest } from "../../bindings/ChangeRequest";
import { CopyButton } from "../../components/Copy";
import { CopyValue } from "../../components/CopyValue";
import { ObjectPage } from "../../components/ObjectPage";
import { appDetail, revealSecret } from "../../ipc";
import { ChangeReview } from "../change/ChangeReview";
import { useLeaveOnSwitch } from "../profiles/useProfiles";
import { SetupMenu } from "../carry/SetupMenu";
import { RotatedSecretView } from "./RotatedSecret";

export function AppPage({ clientId }: { clientId: string }) {
  const { go } = useNavigation();
  const key = useLeaveOnSwitch({ kind: "area", area: "apps" });
  const app = useQuery({ queryKey: key("app", clientId), queryFn: () => appDetail(clientId) });
  return (
    <ObjectPage
      data-testid="app-page"
      back="Applications"
      onBack={() => go({ kind: "area", area: "apps" })}
      noun="application"
      loading={app.isLoading}
      error={app.error}
    >
      {app.data && <AppView app={app.data} />}
    </ObjectPage>
  );
}

function AppView({ app: a }: { app: AppDetail }) {
  const { go } = useNavigation();
  const [request, setRequest] = useState<ChangeRequest | null>(null);
  const [editing, setEditing] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const close = () => {
    setRequest(null);
    if (deleted) go({ kind: "area", area: "apps" });
  };
  const ready = a.grants.find((g) => !g.orphaned);
  return (
    <>
      <Stack gap="xs">
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
            <>
              <Badge variant="light" color="orange">
                Client Credentials not enabled
              </Badge>
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => setRequest({ kind: "enable_client_credentials", client_id: a.client_id })}
                data-testid="app-enable-cc"
              >
                Enable…
              </Button>
            </>
          )}
        </Group>
        {a.description && (
          <Text c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {a.description}
          </Text>
        )}
      </Stack>
      {editing ? (
        <EditApplication app={a} onCancel={() => setEditing(false)} onReview={(r) => setRequest(r)} />
      ) : (
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
            <RevealSecret clientId={a.client_id} />
          </Stack>
        </Card>
      )}
      <Group>
        <Button
          leftSection={<IconKey size={16} />}
          disabled={!ready}
          onClick={() => ready && go({ kind: "area", area: "token", prefill: { clientId: a.client_id, audience: ready.audience } })}
          data-testid="app-test-token"
        >
          Get a test token
        </Button>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} />}
          onClick={() => setRequest({ kind: "rotate_secret", client_id: a.client_id })}
          data-testid="app-rotate"
        >
          Rotate secret…
        </Button>
        <Button
          variant="default"
          leftSection={<IconPencil size={16} />}
          onClick={() => setEditing(true)}
          disabled={editing}
          data-testid="app-edit"
        >
          Rename or describe
        </Button>
        <Button
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={16} />}
          onClick={() => setRequest({ kind: "delete_application", client_id: a.client_id })}
          data-testid="app-delete"
        >
          Delete application…
        </Button>
      </Group>
      <Grants app={a} onRevoke={(g) => setRequest({ kind: "delete_grant", grant_id: g.grant_id })} />
      <ChangeReview
        request={request}
        title={request ? REVIEW_TITLE[request.kind](a.name) : ""}
        onClose={close}
        onApplied={(o) => {
          if (request?.kind === "delete_application" && o.change.status === "done") setDeleted(true);
          if (request?.kind === "edit_application" && o.change.status === "done") setEditing(false);
        }}
        apply={(p) =>
          request?.kind === "rotate_secret" ? (
            <Button {...p} color="red" data-testid="app-rotate-confirm">
              Rotate now
            </Button>
          ) : (
            <Button {...p} data-testid="app-change-apply">
              Apply
            </Button>
          )
        }
        result={(p) =>
          request?.kind === "rotate_secret" ? (
            <Stack {...p} data-testid="app-rotate-result" />
          ) : (
            <Stack {...p} data-testid="app-change-result" />
          )
        }
        outcome={(o) => o.rotated && <RotatedSecretView rotated={o.rotated} />}
      />
    </>
  );
}

const REVIEW_TITLE: Record<ChangeRequest["kind"], (name: string) => string> = {
  rotate_secret: (n) => `Rotate the secret of ${n}`,
  delete_grant: () => "Revoke access",
  delete_application: (n) => `Delete ${n}`,
  edit_application: (n) => `Rename or describe ${n}`,
  enable_client_credentials: (n) => `Enable Client Credentials for ${n}`,
  access: () => "Change access",
  scopes: () => "Change scopes",
  reapply: () => "Re-apply the recorded setup",
};

/** Name and description, checked by Rust when reviewed (Auth0's limits). */
function EditApplication({ app, onCancel, onReview }: { app: AppDetail; onCancel: () => void; onReview: (r: ChangeRequest) => void }) {
  const [name, setName] = useState(app.name);
  const [description, setDescription] = useState(app.description);
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onReview({ kind: "edit_application", client_id: app.client_id, name, description });
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="app-edit-name"
            data-autofocus
          />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            data-testid="app-edit-description"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" data-testid="app-edit-review">
              Review…
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The current secret, only when asked for (Rust journals that it was shown). */
function RevealSecret({ clientId }: { clientId: string }) {
  const reveal = useMutation({ mutationFn: () => revealSecret(clientId) });
  return (
    <Group gap="xs" align="flex-start">
      <Text size="sm" fw={600} w="8rem">
        Client secret
      </Text>
      {reveal.data ? (
        <Group gap="xs">
          <Code data-testid="app-secret" style={{ wordBreak: "break-all" }}>
            {reveal.data}
          </Code>
          <CopyButton text={reveal.data} label="Copy" testId="app-secret-copy" secret />
          <Button size="xs" variant="subtle" leftSection={<IconEyeOff size={14} />} onClick={() => reveal.reset()}>
            Hide
          </Button>
        </Group>
      ) : (
        <Stack gap={2}>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconEye size={14} />}
            loading={reveal.isPending}
            onClick={() => reveal.mutate()}
            data-testid="app-reveal"
          >
            Reveal
          </Button>
          {reveal.error && (
            <Text size="xs" c="red">
              {reveal.error.message}
            </Text>
          )}
        </Stack>
      )}
    </Group>
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
                        <Anchor
                          component="button"
                          size="sm"
                          fw={500}
                          ta="left"
                          onClick={() => go({ kind: "area", area: "apis", open: g.audience })}
                          style={{ overflowWrap: "anywhere" }}
                          data-testid="app-grant-api"
                        >
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
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => go({ kind: "area", area: "token", prefill: { clientId: app.client_id, audience: g.audience } })}
                          >
                            Test token
                          </Button>
                          <Button size="xs" variant="default" onClick={() => go({ kind: "area", area: "apis", open: g.audience })}>
                            Change scopes
                          </Button>
                        </>
                      )}
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        leftSection={<IconTrash size={14} />}
                        onClick={() => onRevoke(g)}
                        aria-label={`Revoke access to ${g.api_name}`}
                      >
                        Revoke
                      </Button>
                      {!g.orphaned && <SetupMenu clientId={app.client_id} audience={g.audience} apiName={g.api_name} />}
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
