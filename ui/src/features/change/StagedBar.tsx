// The bar under a page's staged edits: how many, discard them, or review them as one change set.
import { Button, Group, Text } from "@mantine/core";

export function StagedBar({
  count,
  idle,
  onDiscard,
  onReview,
  reviewTestId,
}: {
  count: number;
  /** What to say while nothing is staged. */
  idle: string;
  onDiscard: () => void;
  onReview: () => void;
  reviewTestId: string;
}) {
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="change-staged">
        {count ? `${count} change${count === 1 ? "" : "s"} staged; nothing is written until you apply them.` : idle}
      </Text>
      <Group gap="xs">
        <Button variant="default" disabled={!count} onClick={onDiscard}>
          Discard
        </Button>
        <Button disabled={!count} onClick={onReview} data-testid={reviewTestId}>
          Review changes…
        </Button>
      </Group>
    </Group>
  );
}
