// A rotated secret, shown once: copy it now, where it goes, and whether a token proved it.
import { Alert, Code, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import type { RotatedSecret } from "../../bindings/RotatedSecret";
import { CopyButton } from "../../components/Copy";

export function RotatedSecretView({ rotated }: { rotated: RotatedSecret }) {
  return (
    <Stack gap="sm">
      <Alert
        color={rotated.verified ? "green" : "orange"}
        icon={rotated.verified ? <IconCircleCheck /> : <IconAlertTriangle />}
        title={rotated.verified ? "New secret verified" : "New secret not verified"}
        data-testid="app-rotate-verdict"
      >
        {rotated.verdict}
      </Alert>
      <Text size="sm" fw={600}>
        The new secret — shown this once; Grantsmith keeps it nowhere:
      </Text>
      <Code block data-testid="app-rotate-secret" style={{ wordBreak: "break-all" }}>
        {rotated.client_secret}
      </Code>
      <Group>
        <CopyButton text={rotated.client_secret} label="Copy secret" testId="app-rotate-copy" secret />
        <CopyButton text={rotated.export_line} label={`Copy as ${rotated.env_var}`} variant="subtle" secret />
      </Group>
      <Text size="sm" c="dimmed">
        Put it where your services read <Code>{rotated.env_var}</Code> (the quickstart code reads it from that environment variable). Until
        they have it, their token requests fail with 401. A copied secret is cleared from the clipboard after 30 seconds.
      </Text>
    </Stack>
  );
}
