// "Check drift": the setup as it was recorded (exported or promoted) against the tenant now,
// field by field — then put the record back (a reviewed change set) or accept the tenant's
// state as the new record. Rust compares; this shows.
import { Alert, Badge, Button, Group, Loader, Modal, Stack, Table, Text } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ChangeRequest } from "../../bindings/ChangeRequest";
import type { DriftReport } from "../../bindings/DriftReport";
import type { RecordOrigin } from "../../bindings/RecordOrigin";
import { localTime } from "../../components/clock";
import { driftAccept, driftCheck } from "../../ipc";
import { ChangeReview } from "../change/ChangeReview";
import { useTenantKey } from "../profiles/useProfiles";
import type { SetupDialogProps } from "./SetupDialogProps";

const ORIGIN: Record<RecordOrigin, string> = {
  export: "exported",
  promote: "promoted here",
  accept: "accepted from the tenant",
  reapply: "re-applied",
};

function Report({ report }: { report: DriftReport }) {
  const when = `Recorded ${localTime(report.record.recorded_at)} (${ORIGIN[report.record.origin]}).`;
  if (report.fields.length === 0) {
    return (
      <Alert color="green" icon={<IconCheck size={16} />} title="No drift" data-testid="drift-result" data-drift="none">
        The tenant has this setup exactly as recorded. {when}
      </Alert>
    );
  }
  return (
    <Stack gap="xs" data-testid="drift-result" data-drift={report.fields.length}>
      <Text size="sm">
        <Badge color="orange" variant="light" mr="xs">
          {report.fields.length} changed outside Grantsmith
        </Badge>
        {when}
      </Text>
      <Table withTableBorder verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Field</Table.Th>
            <Table.Th>Recorded</Table.Th>
            <Table.Th>On the tenant now</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.fields.map((f) => (
            <Table.Tr key={f.label} data-testid="drift-field">
              <Table.Td>{f.label}</Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{f.recorded}</Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }} fw={600}>
                {f.now}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function DriftDialog({ clientId, audience, opened, onClose }: SetupDialogProps) {
  const key = useTenantKey();
  const client = useQueryClient();
  const queryKey = key("drift", clientId, audience);
  const report = useQuery({ queryKey, queryFn: () => driftCheck(clientId, audience), enabled: opened, gcTime: 0, staleTime: 0 });
  const accept = useMutation({ mutationFn: () => driftAccept(clientId, audience), onSuccess: (r) => client.setQueryData(queryKey, r) });
  const [reapply, setReapply] = useState<ChangeRequest | null>(null);
  const drifted = (report.data?.fields.length ?? 0) > 0;
  return (
    <>
      <Modal opened={opened && !reapply} onClose={onClose} title="Check drift" size="lg">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            The setup as Grantsmith last recorded it (when it was exported or promoted), compared with the tenant now.
          </Text>
          {report.isPending && <Loader size="sm" aria-label="Reading the tenant" />}
          {report.error && (
            <Alert color="red" title="Cannot check drift" data-testid="drift-result" data-drift="error">
              {report.error.message}
            </Alert>
          )}
          {report.data && <Report report={report.data} />}
          {accept.error && <Alert color="red">{accept.error.message}</Alert>}
          {drifted && (
            <Group justify="flex-end">
              <Button variant="default" onClick={() => accept.mutate()} loading={accept.isPending} data-testid="drift-accept">
                Accept the tenant's state
              </Button>
              <Button onClick={() => setReapply({ kind: "reapply", client_id: clientId, audience })} data-testid="drift-reapply">
                Re-apply the recorded setup…
              </Button>
            </Group>
          )}
        </Stack>
      </Modal>
      <ChangeReview
        request={reapply}
        title="Re-apply the recorded setup"
        onClose={() => {
          setReapply(null);
          void report.refetch();
        }}
        apply={(p) => (
          <Button {...p} data-testid="drift-reapply-apply">
            Re-apply
          </Button>
        )}
        result={(p) => <Stack {...p} data-testid="drift-reapply-result" />}
      />
    </>
  );
}
