import { Alert, Center, Code, Stack, Text, Title } from "@mantine/core";
import { IconDatabaseOff } from "@tabler/icons-react";

export function StartupError({ message }: { message: string }) {
  return (
    <Center h="100vh" p="xl">
      <Stack maw={620} gap="md">
        <Title order={1} size="h2">
          Grantsmith could not open its database
        </Title>
        <Alert color="red" icon={<IconDatabaseOff />} title="What happened" data-testid="startup-error">
          {message}
        </Alert>
        <Text c="dimmed" size="sm">
          Nothing was changed on any tenant, and your secrets in the system keychain are not affected. Set <Code>GRANTSMITH_DATA_DIR</Code>{" "}
          to another folder to start with a separate database.
        </Text>
      </Stack>
    </Center>
  );
}
