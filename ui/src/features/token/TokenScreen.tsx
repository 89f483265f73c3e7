import { Alert, Button, Card, Checkbox, Group, SimpleGrid, Stack, Tabs, Text, TextInput, Textarea, Title } from "@mantine/core";
import { IconKey } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { Fix } from "../../bindings/Fix";
import { FixReview } from "./FixReview";
import type { TokenReport } from "../../bindings/TokenReport";
import type { TokenPrefill } from "../../app/navigation";
import { inspectToken, testToken } from "../../ipc";
import { ApiPicker } from "../apis/ApiPicker";
import { ApplicationPicker } from "../apps/ApplicationPicker";
import { TENANT_KEY, useProfiles } from "../profiles/useProfiles";
import { CurlBlock } from "./CurlBlock";
import { DiagnosisAlert } from "./Diagnosis";
import { QuickstartPanel } from "./QuickstartPanel";
import { TokenDetails } from "./TokenDetails";

/** One-click test token: request, verify, explain, fix. Also checks pasted tokens. */
export function TokenScreen({ prefill }: { prefill?: TokenPrefill }) {
  const { active } = useProfiles();
  const client = useQueryClient();
  const [clientId, setClientId] = useState(prefill?.clientId ?? "");
  const [audience, setAudience] = useState(prefill?.audience ?? "");
  const [scope, setScope] = useState("");
  const [fresh, setFresh] = useState(false);
  const [pasted, setPasted] = useState("");
  const [report, setReport] = useState<TokenReport>();
  const [reviewFix, setReviewFix] = useState<Fix>();
  const [names, setNames] = useState<Record<string, string>>({});

  const get = useMutation({
    mutationFn: (opts?: { fresh?: boolean }) =>
      testToken({ client_id: clientId, audience, scope: scope.trim() || undefined, fresh: opts?.fresh ?? fresh }),
    // A new request replaces the old verdict at once: never show a stale "verified".
    onMutate: () => {
      setReport(undefined);
      return { clientId, audience };
    },
    onSuccess: (r, _opts, asked) => {
      setReport(r);
      // The tenant's names for what was asked: the pickers show them without their index.
      setNames((n) => ({ ...n, [asked.clientId]: r.app_name, [asked.audience]: r.api_name }));
    },
  });
  const inspect = useMutation({ mutationFn: () => inspectToken(pasted), onMutate: () => setReport(undefined), onSuccess: setReport });
  const fixed = () => {
    setReviewFix(undefined);
    void client.invalidateQueries({ queryKey: TENANT_KEY });
    get.mutate({ fresh: true });
  };

  // Arriving from the wizard's result: one click already asked for the token.
  const autoRan = useRef(false);
  useEffect(() => {
    if (prefill && !autoRan.current) {
      autoRan.current = true;
      get.mutate({});
    }
  }, [prefill, get]);

  const error = get.error ?? inspect.error;
  const diagnosis = report?.diagnosis;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          Test token
        </Title>
        <Text c="dimmed">Get a token for an application and API on {active?.name ?? "…"}, verified here, claim by claim.</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder padding="lg">
          <Tabs defaultValue="request">
            <Tabs.List mb="md">
              <Tabs.Tab value="request">Get a token</Tabs.Tab>
              <Tabs.Tab value="paste" data-testid="token-paste-tab">
                Paste a token
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="request">
              <Stack gap="sm">
                <ApplicationPicker
                  label="Application"
                  placeholder="Pick a Machine to Machine application"
                  value={clientId}
                  onChange={setClientId}
                  knownName={names[clientId]}
                  data-testid="token-app"
                />
                <ApiPicker value={audience} onChange={setAudience} knownName={names[audience]} data-testid="token-api" />
                <TextInput
                  label="Scopes (optional)"
                  description="A space-separated subset of the granted scopes; empty asks for all of them"
                  value={scope}
                  onChange={(e) => setScope(e.currentTarget.value)}
                  data-testid="token-scope"
                />
                <Checkbox
                  label="Get a new token instead of reusing the cached one"
                  description="Auth0 counts each Machine to Machine token against your plan's monthly quota."
                  checked={fresh}
                  onChange={(e) => setFresh(e.currentTarget.checked)}
                  data-testid="token-fresh"
                />
                <Group>
                  <Button
                    leftSection={<IconKey size={16} />}
                    onClick={() => get.mutate({})}
                    loading={get.isPending}
                    disabled={!clientId || !audience}
                    data-testid="token-get"
                  >
                    Get test token
                  </Button>
                </Group>
                {report?.curl && <CurlBlock curl={report.curl} />}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="paste">
              <Stack gap="sm">
                <Textarea
                  label="Access token"
                  description="Decoded and checked against this tenant. It is sent nowhere; only the tenant's public keys are fetched."
                  autosize
                  minRows={4}
                  value={pasted}
                  onChange={(e) => setPasted(e.currentTarget.value)}
                  data-testid="token-paste"
                />
                <Group>
                  <Button
                    onClick={() => inspect.mutate()}
                    loading={inspect.isPending}
                    disabled={!pasted.trim()}
                    data-testid="token-inspect"
                  >
                    Check this token
                  </Button>
                </Group>
              </Stack>
            </Tabs.Panel>
          </Tabs>
        </Card>
        <Stack gap="md">
          {error && (
            <Alert color="red" title="Could not check" data-testid="token-error">
              {error.message}
            </Alert>
          )}
          {diagnosis && <DiagnosisAlert diagnosis={diagnosis} onAudience={setAudience} onReview={setReviewFix} />}
          {report ? (
            <Card withBorder padding="lg">
              <TokenDetails report={report} />
            </Card>
          ) : get.isPending || inspect.isPending ? (
            <Card withBorder padding="lg">
              <Text size="sm" data-testid="token-pending">
                {get.isPending ? "Requesting a token from the tenant and checking it…" : "Checking the token…"}
              </Text>
            </Card>
          ) : (
            !error && (
              <Card withBorder padding="lg">
                <Text c="dimmed" size="sm">
                  Pick an application and an API, then Get test token. The verdict, every check and the decoded claims appear here.
                </Text>
              </Card>
            )
          )}
        </Stack>
      </SimpleGrid>
      {clientId && audience && report?.token && <QuickstartPanel clientId={clientId} audience={audience} />}
      <FixReview
        fix={reviewFix}
        label={diagnosis?.fix_label ?? "Fix"}
        tenant={active?.name ?? ""}
        onClose={() => setReviewFix(undefined)}
        onApplied={fixed}
      />
    </Stack>
  );
}
