import { ActionIcon, Alert, Badge, Code, Group, List, Stack, Table, Text, ThemeIcon, Title, Tooltip } from "@mantine/core";
import { IconCheck, IconEye, IconEyeOff, IconX } from "@tabler/icons-react";
import { useState } from "react";
import type { TokenReport } from "../../bindings/TokenReport";
import { localTime, useNow } from "../../components/clock";
import { CopyButton } from "../../components/Copy";

const EXPLAIN: Record<string, string> = {
  iss: "Issuer: the tenant that issued the token",
  sub: "Subject: the application (client ID + @clients)",
  aud: "Audience: the API the token is for",
  azp: "Authorized party: the application",
  client_id: "The application (RFC 9068 tokens)",
  iat: "Issued at",
  exp: "Expires at",
  scope: "Scopes (permissions) granted",
  gty: "Grant type used to get it",
  jti: "Token id",
  permissions: "Permissions (RBAC dialect)",
};

function Countdown({ exp }: { exp: number }) {
  const now = useNow();
  const left = Math.round(exp - now);
  if (left <= 0) return <Badge color="red">expired</Badge>;
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  return (
    <Badge color="green" variant="light" data-testid="token-countdown">
      expires in {h > 0 ? `${h} h ` : ""}
      {m} min {s} s
    </Badge>
  );
}

/** The verdict first, then the checks, the token (masked), header and claims. */
export function TokenDetails({ report }: { report: TokenReport }) {
  const [revealed, setRevealed] = useState(false);
  const claims = (report.claims ?? {}) as Record<string, unknown>;
  const header = (report.header ?? {}) as Record<string, unknown>;
  const exp = typeof claims.exp === "number" ? claims.exp : undefined;
  const token = report.token;
  return (
    <Stack gap="md">
      <Group gap="sm">
        <ThemeIcon size="xl" radius="xl" color={report.verified ? "green" : "red"} variant="light">
          {report.verified ? <IconCheck /> : <IconX />}
        </ThemeIcon>
        <Stack gap={0}>
          <Title order={2} size="h3" data-testid="token-verdict">
            {report.verified ? "Token verified" : report.checks.length ? "Token check failed" : "Request failed"}
          </Title>
          <Text size="sm" c="dimmed" data-testid="token-status">
            {report.status_line}
          </Text>
        </Stack>
      </Group>
      {report.checks.length > 0 && (
        <List spacing={4} size="sm" center data-testid="token-checks">
          {report.checks.map((c) => (
            <List.Item
              key={c.id}
              data-testid={`token-check-${c.id}`}
              data-passed={String(c.passed)}
              icon={
                <ThemeIcon size={18} radius="xl" color={c.passed ? "green" : "red"} variant="light">
                  {c.passed ? <IconCheck size={12} /> : <IconX size={12} />}
                </ThemeIcon>
              }
            >
              {c.sentence}
            </List.Item>
          ))}
        </List>
      )}
      {token && (
        <Stack gap={6}>
          <Group justify="space-between">
            <Text fw={600}>Access token</Text>
            <Group gap="xs">
              <Tooltip label={revealed ? "Hide the token" : "Reveal the token"}>
                <ActionIcon
                  variant="default"
                  onClick={() => setRevealed(!revealed)}
                  aria-label={revealed ? "Hide the token" : "Reveal the token"}
                  data-testid="token-reveal"
                >
                  {revealed ? <IconEyeOff size={16} /> : <IconEye size={16} />}
                </ActionIcon>
              </Tooltip>
              <CopyButton text={token} label="Copy token" testId="token-copy" />
              <CopyButton text={`Authorization: Bearer ${token}`} label="Copy Authorization header" />
            </Group>
          </Group>
          <Code block data-testid="token-value" data-revealed={String(revealed)} style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }}>
            {revealed ? token : `${token.slice(0, 12)}${"•".repeat(40)}  (hidden — ${token.length} characters)`}
          </Code>
          {revealed && (
            <Text size="xs" c="orange">
              The token is shown on screen. Anyone who sees it can call the API until it expires.
            </Text>
          )}
        </Stack>
      )}
      {Object.keys(claims).length > 0 && (
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={600}>Claims</Text>
            {exp && <Countdown exp={exp} />}
          </Group>
          <Table verticalSpacing={4} fz="sm" data-testid="token-claims">
            <Table.Tbody>
              {Object.entries(claims).map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Td w={90}>
                    <Code>{k}</Code>
                  </Table.Td>
                  <Table.Td style={{ wordBreak: "break-all" }}>
                    {(k === "iat" || k === "exp") && typeof v === "number"
                      ? `${localTime(v)} (${v})`
                      : typeof v === "string"
                        ? v
                        : JSON.stringify(v)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {EXPLAIN[k] ?? ""}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text fw={600} mt="xs">
            Header
          </Text>
          <Code block tabIndex={0}>
            {JSON.stringify(header, null, 2)}
          </Code>
        </Stack>
      )}
      {report.diagnosis && report.checks.length > 0 && <Alert color="orange">{report.diagnosis.explanation}</Alert>}
    </Stack>
  );
}
