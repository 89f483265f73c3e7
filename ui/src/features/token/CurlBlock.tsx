import { Code, Group, Stack, Text } from "@mantine/core";
import { CopyButton } from "../../components/Copy";

/** The token request as curl, to run in a shell (the secret stays in $CLIENT_SECRET). */
export function CurlBlock({ curl }: { curl: string }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          The request, as curl
        </Text>
        <CopyButton text={curl} label="Copy curl" testId="token-copy-curl" />
      </Group>
      <Code block tabIndex={0} data-testid="token-curl">
        {curl}
      </Code>
      <Text size="xs" c="dimmed">
        Set CLIENT_SECRET in your shell first; the secret is never shown here.
      </Text>
    </Stack>
  );
}
