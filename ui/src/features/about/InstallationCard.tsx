import { Badge, Card, Group, Skeleton, Table, Text } from "@mantine/core";
import type { AppInfo } from "../../bindings/AppInfo";
import { CopyValue } from "../../components/Copy";

/** Where this installation keeps its data, and whether the keychain answers. */
export function InstallationCard({ info }: { info?: AppInfo }) {
  return (
    <Card withBorder padding="lg" data-testid="installation">
      <Text fw={600} mb="sm">
        This installation
      </Text>
      {info ? (
        <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={6}>
          <Table.Tbody>
            <Row label="Version">{info.version}</Row>
            <Row label="Database">
              <CopyValue value={info.database} what="database path" testId="app-database" size="sm" />
            </Row>
            <Row label="Schema version">{info.schema_version}</Row>
            <Row label="Secrets">
              <Group gap="xs" data-testid="keychain-status">
                {info.keychain.available ? (
                  <Badge color="green" variant="light">
                    Keychain ready
                  </Badge>
                ) : (
                  <Badge color="orange" variant="light">
                    Keychain unavailable
                  </Badge>
                )}
                <Text size="sm" c="dimmed">
                  {info.keychain.available
                    ? `stored in the system keychain (service ${info.keychain.service})`
                    : info.keychain.problem}
                </Text>
              </Group>
            </Row>
          </Table.Tbody>
        </Table>
      ) : (
        <Skeleton height={96} role="status" aria-label="Loading installation details" />
      )}
    </Card>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={150}>{label}</Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}
