// The frame of a page for one tenant object (an application, an API): the way back to its
// list, and its loading and error states, so each page only lays out what it shows.
import { Alert, Button, Group, Skeleton, Stack, Title } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import type { ReactNode } from "react";

export function ObjectPage({
  "data-testid": testId,
  back,
  onBack,
  noun,
  loading,
  error,
  children,
}: {
  /** On the page in every state (`app-page`, `api-page`). */
  "data-testid": string;
  /** The list's name on the back button. */
  back: string;
  onBack: () => void;
  /** "application", "API": for the loading label and the error's title. */
  noun: string;
  loading: boolean;
  error?: Error | null;
  children?: ReactNode;
}) {
  const backButton = (
    <Group>
      <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={onBack}>
        {back}
      </Button>
    </Group>
  );
  if (loading) {
    return (
      <Stack data-testid={testId} role="status" aria-label={`Loading the ${noun}`}>
        {backButton}
        <Skeleton height={32} width="40%" />
        <Skeleton height={160} />
      </Stack>
    );
  }
  if (error || !children) {
    return (
      <Stack data-testid={testId}>
        {backButton}
        <Title order={1}>{noun[0]!.toUpperCase() + noun.slice(1)}</Title>
        <Alert color="red" title={`Could not read this ${noun}`} data-testid={`${testId}-error`}>
          {error?.message}
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack gap="lg" data-testid={testId}>
      {backButton}
      {children}
    </Stack>
  );
}
