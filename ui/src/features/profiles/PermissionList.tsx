import { Badge, Code, Stack, Table, Text } from "@mantine/core";
import { Fragment } from "react";
import { IconCheck, IconX } from "@tabler/icons-react";
import type { PermissionCheck } from "../../bindings/PermissionCheck";

/** The Management API permissions, why each is needed, and (after a test) whether granted. */
export function PermissionList({ permissions, tested }: { permissions: PermissionCheck[]; tested: boolean }) {
  return (
    <Table verticalSpacing={4} fz="sm" data-testid={tested ? "permission-results" : "permission-guide"}>
      <Table.Tbody>
        {permissions.map((p) => (
          <Table.Tr key={p.scope} data-testid={`permission-${p.scope}`} data-granted={tested ? String(p.granted) : undefined}>
            <Table.Td w={28}>
              {tested &&
                (p.granted ? (
                  <IconCheck size={16} color="var(--mantine-color-green-6)" role="img" aria-label="granted" />
                ) : (
                  <IconX size={16} color="var(--mantine-color-red-6)" role="img" aria-label="missing" />
                ))}
            </Table.Td>
            {/* Room for most scopes on one line; the longest wrap after their `:`. */}
            <Table.Td w="42%">
              <Stack gap={2} align="flex-start">
                <Code style={{ whiteSpace: "normal" }}>
                  <Breakable scope={p.scope} />
                </Code>
                {!p.required && (
                  <Badge size="xs" variant="light" color="gray">
                    for undo
                  </Badge>
                )}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {p.why}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A scope that wraps, in a narrow column, after its `:` and `_` only: never inside a word. */
function Breakable({ scope }: { scope: string }) {
  // Split keeps the separators: "read", ":", "client", "_", "keys".
  return scope.split(/([:_])/).map((part, i) => (
    <Fragment key={i}>
      {part}
      {(part === ":" || part === "_") && <wbr />}
    </Fragment>
  ));
}

export function PermissionSummary({ ready, summary }: { ready: boolean; summary: string }) {
  return (
    <Stack gap={4}>
      <Text fw={600} c={ready ? "green" : "orange"}>
        {ready ? "Ready to use" : "Connected, with missing permissions"}
      </Text>
      <Text size="sm">{summary}</Text>
    </Stack>
  );
}
