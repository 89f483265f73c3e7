// The objects a journal entry touched, each a link to its page (applications and APIs) or
// its id to copy (grants, which have no page of their own).
import { Anchor, Group, Text } from "@mantine/core";
import type { ObjectKind } from "../../bindings/ObjectKind";
import type { ObjectRef } from "../../bindings/ObjectRef";
import { useNavigation } from "../../app/navigation";
import { CopyValue } from "../../components/CopyValue";

const WORD: Record<ObjectKind, string> = { application: "Application", api: "API", grant: "Grant" };

export function ObjectLinks({ objects }: { objects: ObjectRef[] }) {
  const { go } = useNavigation();
  if (objects.length === 0) return null;
  return (
    <Group gap="md" wrap="wrap" data-testid="journal-objects">
      {objects.map((o) => (
        <Group key={`${o.kind}:${o.id}`} gap={4} wrap="nowrap" miw={0}>
          <Text size="xs" c="dimmed">
            {WORD[o.kind]}
          </Text>
          {o.kind === "grant" ? (
            <CopyValue value={o.id} what="grant id" />
          ) : (
            <Anchor
              component="button"
              size="xs"
              onClick={() => go({ kind: "area", area: o.kind === "application" ? "apps" : "apis", open: o.id })}
              data-testid={`journal-link-${o.kind}`}
              style={{ overflowWrap: "anywhere", textAlign: "left" }}
            >
              {o.label}
            </Anchor>
          )}
        </Group>
      ))}
    </Group>
  );
}
