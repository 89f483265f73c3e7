import { Alert, Card, List, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ConnectionReport } from "../../bindings/ConnectionReport";
import { permissionGuide } from "../../ipc";
import { PermissionList, PermissionSummary } from "./PermissionList";

/** Beside the tenant form: the last connection test, and how to create the management application. */
export function ConnectionPanel({ testing, error, report }: { testing: boolean; error?: Error; report?: ConnectionReport }) {
  const guide = useQuery({ queryKey: ["permission-guide"], queryFn: permissionGuide, staleTime: Infinity });
  return (
    <Stack gap="lg">
      {(report || error || testing) && (
        <Card withBorder padding="lg" data-testid="profile-test-result">
          {testing && <Text>Getting a management token…</Text>}
          {error && (
            <Alert color="red" title="Could not connect">
              {error.message}
            </Alert>
          )}
          {report && (
            <Stack gap="sm">
              <PermissionSummary ready={report.ready} summary={report.summary} />
              <PermissionList permissions={report.permissions} tested />
              {report.extra.length > 0 && (
                <Text size="xs" c="dimmed">
                  Also granted, not used by Grantsmith: {report.extra.join(", ")}. Least privilege suggests removing them.
                </Text>
              )}
            </Stack>
          )}
        </Card>
      )}
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Text fw={600}>Create the management application in Auth0</Text>
          <List type="ordered" size="sm" spacing={4}>
            <List.Item>Dashboard → Applications → Create Application → “Machine to Machine Applications”.</List.Item>
            <List.Item>Authorize it for the Auth0 Management API with the permissions below, and nothing more.</List.Item>
            <List.Item>Copy its Domain, Client ID and Client Secret from the Settings tab into this form.</List.Item>
          </List>
          {guide.data && <PermissionList permissions={guide.data} tested={false} />}
        </Stack>
      </Card>
    </Stack>
  );
}
