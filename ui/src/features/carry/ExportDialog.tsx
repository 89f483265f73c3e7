// Export one setup (an application, an API and the grant between them) as code: Terraform
// for the Auth0 provider or an auth0-deploy-cli YAML fragment, rendered by Rust from the
// tenant as it is now. Copy it, or save it through the system's save dialog.
import { Alert, Button, Group, List, Loader, Modal, ScrollArea, Stack, Tabs, Text, type ButtonProps } from "@mantine/core";
import { IconCode, IconDeviceFloppy } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ExportFormat } from "../../bindings/ExportFormat";
import { CopyButton } from "../../components/Copy";
import { exportSetup, saveExport } from "../../ipc";
import { useTenantKey } from "../profiles/useProfiles";
import "../../components/code-theme.css";
import { highlight } from "../../components/highlight";
import type { SetupDialogProps } from "./SetupDialogProps";

const LANGUAGE: Record<ExportFormat, string> = { terraform: "hcl", deploy_cli: "yaml" };

function ExportBody({ clientId, audience, format }: { clientId: string; audience: string; format: ExportFormat }) {
  const key = useTenantKey();
  const out = useQuery({ queryKey: key("export", clientId, audience, format), queryFn: () => exportSetup(clientId, audience, format) });
  const save = useMutation({ mutationFn: () => saveExport({ kind: "setup", client_id: clientId, audience, format }) });
  if (out.isPending) return <Loader size="sm" aria-label="Reading the setup" />;
  if (out.isError)
    return (
      <Alert color="red" title="Could not export">
        {out.error.message}
      </Alert>
    );
  const language = LANGUAGE[format];
  return (
    <Stack gap="sm">
      <List size="sm" spacing={4} data-testid="export-notes">
        {out.data.notes.map((n) => (
          <List.Item key={n}>{n}</List.Item>
        ))}
      </List>
      <Group justify="space-between">
        <Text size="xs" c="dimmed" ff="monospace">
          {out.data.file_name}
        </Text>
        <Group gap="xs">
          <CopyButton text={out.data.text} label="Copy" data-testid="export-copy" />
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDeviceFloppy size={14} />}
            onClick={() => save.mutate()}
            loading={save.isPending}
            data-testid="export-save"
          >
            Save…
          </Button>
        </Group>
      </Group>
      {save.data && (
        <Text size="xs" c="green" role="status" data-testid="export-saved">
          Saved to {save.data}
        </Text>
      )}
      {save.error && <Alert color="red">{save.error.message}</Alert>}
      <ScrollArea.Autosize mah="55vh" type="auto" viewportProps={{ tabIndex: 0, "aria-label": out.data.file_name }}>
        <pre className="hljs" style={{ margin: 0, padding: 12, borderRadius: 6, fontSize: 12 }} data-testid="export-code">
          {/* highlight.js escapes the code; see highlight.test.ts */}
          <code dangerouslySetInnerHTML={{ __html: highlight(out.data.text, language) }} />
        </pre>
      </ScrollArea.Autosize>
    </Stack>
  );
}

/** The export of `clientId` + `audience` on the active tenant, in a dialog. */
export function ExportDialog({ clientId, audience, opened, onClose }: SetupDialogProps) {
  const [format, setFormat] = useState<ExportFormat>("terraform");
  return (
    <Modal opened={opened} onClose={onClose} title="Export as code" size="xl">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          This application, the API with its scopes and the grant between them, as the tenant has them now. No secret is written.
        </Text>
        <Tabs value={format} onChange={(v) => v && setFormat(v as ExportFormat)} variant="pills">
          <Tabs.List>
            <Tabs.Tab value="terraform" data-testid="export-format-terraform">
              Terraform
            </Tabs.Tab>
            <Tabs.Tab value="deploy_cli" data-testid="export-format-deploy-cli">
              deploy-cli YAML
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
        {opened && <ExportBody key={format} clientId={clientId} audience={audience} format={format} />}
      </Stack>
    </Modal>
  );
}

/** "Export as code…" and its dialog (the caller names it: `data-testid`). */
export function ExportButton({
  clientId,
  audience,
  ...props
}: { clientId: string; audience: string; "data-testid": string } & ButtonProps) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconCode size={16} />} onClick={() => setOpened(true)} {...props}>
        Export as code…
      </Button>
      <ExportDialog clientId={clientId} audience={audience} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
