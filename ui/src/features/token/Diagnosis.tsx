import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import type { Diagnosis as Found } from "../../bindings/Diagnosis";
import type { Fix } from "../../bindings/Fix";

/**
 * Why the token was refused, in words, with the fix: another audience is applied in the
 * form at once; any change to the tenant goes to a review first (`onReview`).
 */
export function DiagnosisAlert({
  diagnosis,
  onAudience,
  onReview,
}: {
  diagnosis: Found;
  onAudience: (a: string) => void;
  onReview: (fix: Fix) => void;
}) {
  const fix = diagnosis.fix;
  return (
    <Alert color="orange" title={diagnosis.title} data-testid="token-diagnosis">
      <Stack gap="xs">
        <Text size="sm">{diagnosis.explanation}</Text>
        {fix?.kind === "use_audience" && (
          <Group>
            {fix.candidates.map((c) => (
              <Button key={c} size="xs" variant="light" onClick={() => onAudience(c)}>
                Use {c}
              </Button>
            ))}
          </Group>
        )}
        {fix && fix.kind !== "use_audience" && (
          <Group>
            <Button size="xs" onClick={() => onReview(fix)} data-testid="token-fix">
              {diagnosis.fix_label}…
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
