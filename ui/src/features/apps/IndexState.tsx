// How old the tenant index is, or how far its build is (under the Applications and APIs lists).
import { Group, Progress, Stack, Text } from "@mantine/core";
import type { IndexProgress } from "../../bindings/IndexProgress";
import { useNow } from "../../components/clock";

const LISTS: Record<string, string> = { applications: "applications", apis: "APIs", grants: "grants" };

/** How old the index is, or how far its build is. */
export function IndexState({ builtAt, progress, building }: { builtAt: number; progress?: IndexProgress; building: boolean }) {
  const now = useNow(30_000);
  if (building) {
    const total = progress?.total ?? 0;
    const value = total ? (100 * (progress?.done ?? 0)) / total : 0;
    return (
      <Stack gap={4} data-testid="index-progress" role="status">
        <Text size="sm" c="dimmed">
          {progress ? `Reading ${LISTS[progress.list] ?? progress.list}: ${progress.done} of ${total || "…"}` : "Reading the tenant…"}
        </Text>
        <Progress value={value} animated aria-label="Reading the tenant" />
      </Stack>
    );
  }
  if (!builtAt) return null;
  const minutes = Math.max(0, Math.round((now - builtAt) / 60));
  return (
    <Group gap="xs">
      <Text size="xs" c="dimmed" data-testid="index-age">
        Read from the tenant {minutes === 0 ? "just now" : `${minutes} min ago`}. Refresh reads it again (changes made elsewhere).
      </Text>
    </Group>
  );
}
