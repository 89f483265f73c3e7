// The bar under a page's staged edits: how many, discard them, or review them as one change set.
import { Button, Group, Text, type ButtonProps } from "@mantine/core";
import { cloneElement, type ReactElement } from "react";

export function StagedBar({
  count,
  idle,
  onDiscard,
  review,
}: {
  count: number;
  /** What to say while nothing is staged. */
  idle: string;
  onDiscard: () => void;
  /** The screen's review button (its test id and action), e.g.
   * `<Button data-testid="matrix-review" onClick={…} />`; the bar gives it its words. */
  review: ReactElement<ButtonProps & { onClick: () => void; children?: string }>;
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
        {cloneElement(review, { disabled: !count, children: "Review changes…" })}
      </Group>
    </Group>
  );
}
