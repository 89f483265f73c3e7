import { Alert, Card, Group, Loader, ScrollArea, Stack, Tabs, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import "../../components/code-theme.css";
import type { Snippet } from "../../bindings/Snippet";
import { quickstart } from "../../ipc";
import { useTenantKey } from "../profiles/useProfiles";
import { CopyButton } from "../../components/Copy";
import { highlight } from "../../components/highlight";

function Code({ snippet }: { snippet: Snippet }) {
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="xs" c="dimmed" ff="monospace">
          {snippet.filename}
        </Text>
        <CopyButton text={snippet.code} label="Copy code" testId={`quickstart-copy-${snippet.id}`} />
      </Group>
      <ScrollArea.Autosize mah={420} type="auto" viewportProps={{ tabIndex: 0, "aria-label": snippet.filename }}>
        <pre
          className="hljs"
          style={{ margin: 0, padding: 12, borderRadius: 6, fontSize: 12 }}
          data-testid={`quickstart-code-${snippet.id}`}
        >
          {/* highlight.js escapes the code; see components/highlight.test.ts */}
          <code dangerouslySetInnerHTML={{ __html: highlight(snippet.code, snippet.language) }} />
        </pre>
      </ScrollArea.Autosize>
    </Stack>
  );
}

function LanguageTabs({ snippets }: { snippets: Snippet[] }) {
  const first = snippets[0]?.id ?? "";
  return (
    // Only the shown snippet is in the page (thirteen highlighted files kept mounted cost the
    // window memory and every render).
    <Tabs defaultValue={first} variant="pills" keepMounted={false}>
      <Tabs.List mb="sm">
        {snippets.map((s) => (
          <Tabs.Tab key={s.id} value={s.id} data-testid={`quickstart-tab-${s.id}`}>
            {s.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {snippets.map((s) => (
        <Tabs.Panel key={s.id} value={s.id}>
          <Code snippet={s} />
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}

/** Code for both sides, pre-filled for this application and API; secrets stay in env vars. */
export function QuickstartPanel({ clientId, audience }: { clientId: string; audience: string }) {
  const key = useTenantKey();
  const snippets = useQuery({ queryKey: key("quickstart", clientId, audience), queryFn: () => quickstart(clientId, audience) });
  return (
    <Card withBorder padding="lg" data-testid="quickstart">
      <Stack gap="sm">
        <Text fw={600}>Quickstart code</Text>
        <Text size="sm" c="dimmed">
          Pre-filled for this application and API. Secrets are read from environment variables (CLIENT_SECRET, and API_SIGNING_SECRET for
          HS256 APIs) — never paste them into code.
        </Text>
        {snippets.isLoading && <Loader size="sm" />}
        {snippets.error && <Alert color="red">{snippets.error.message}</Alert>}
        {snippets.data && (
          <Tabs defaultValue="calling" keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="calling">Call the API</Tabs.Tab>
              <Tabs.Tab value="api" data-testid="quickstart-api-side">
                Validate tokens in the API
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="calling">
              <LanguageTabs snippets={snippets.data.filter((s) => s.side === "calling")} />
            </Tabs.Panel>
            <Tabs.Panel value="api">
              <LanguageTabs snippets={snippets.data.filter((s) => s.side === "api")} />
            </Tabs.Panel>
          </Tabs>
        )}
      </Stack>
    </Card>
  );
}
