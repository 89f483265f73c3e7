import { Badge, Box, Group, Kbd, Modal, ScrollArea, Stack, Text, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { envColor, envLabel } from "../features/profiles/environment";
import { useProfiles, useSwitchProfile } from "../features/profiles/useProfiles";
import { AREAS, areaShortcut } from "./areas";
import { useNavigation } from "./navigation";

interface Action {
  id: string;
  label: string;
  group: string;
  hint?: string;
  color?: string;
  /** Its keyboard shortcut, e.g. "Alt 1". */
  shortcut?: string;
  run: () => void;
}

/** Ctrl/Cmd+K: switch tenant or jump anywhere, by typing. */
export function CommandPalette({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { data } = useProfiles();
  const switcher = useSwitchProfile();
  const { go } = useNavigation();
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState(0);
  useFocusReturn(opened);

  const actions: Action[] = useMemo(() => {
    const tenants: Action[] = (data?.profiles ?? []).map((p) => ({
      id: `tenant-${p.id}`,
      label: `Switch to ${p.name}`,
      group: "Tenants",
      hint: envLabel(p.environment),
      color: envColor(p.environment),
      run: () => switcher.mutate(p.id),
    }));
    const areas: Action[] = AREAS.map((a, i) => ({
      id: `area-${a.id}`,
      label: a.id === "wizard" ? "Start setup" : `Go to ${a.label}`,
      group: "Go to",
      shortcut: areaShortcut(i).label,
      run: () => go({ kind: "area", area: a.id }),
    }));
    return [
      ...tenants,
      ...areas,
      { id: "add-tenant", label: "Add an Auth0 tenant", group: "Tenants", run: () => go({ kind: "add-tenant" }) },
      { id: "manage-tenants", label: "Manage tenants", group: "Tenants", run: () => go({ kind: "tenants" }) },
    ];
  }, [data, switcher, go]);

  const q = query.trim().toLowerCase();
  const shown = q ? actions.filter((a) => `${a.label} ${a.hint ?? ""}`.toLowerCase().includes(q)) : actions;
  const close = () => {
    setQuery("");
    setSelected(0);
    onClose();
  };
  const run = (a: Action | undefined) => {
    if (!a) return;
    a.run();
    close();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setSelected((s) => Math.min(s + 1, shown.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setSelected((s) => Math.max(s - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      run(shown[selected]);
    }
  };

  const active = shown[selected];
  const optionId = (a: Action) => `palette-option-${a.id}`;
  return (
    <Modal.Root opened={opened} onClose={close} size="lg" returnFocus={false}>
      <Modal.Overlay />
      <Modal.Content aria-label="Command palette">
        <Modal.Body p="xs">
          <TextInput
            data-autofocus
            placeholder="Switch tenant, start setup, go to…"
            leftSection={<IconSearch size={16} />}
            value={query}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              setSelected(0);
            }}
            onKeyDown={onKey}
            role="combobox"
            aria-expanded
            aria-controls="palette-list"
            aria-autocomplete="list"
            aria-activedescendant={active ? optionId(active) : undefined}
            aria-label="Search commands"
            data-testid="palette-input"
          />
          <ScrollArea.Autosize mah={360} mt="xs" viewportProps={{ tabIndex: -1 }}>
            {shown.length === 0 && (
              <Text c="dimmed" size="sm" p="sm" role="status">
                Nothing matches “{query}”.
              </Text>
            )}
            <Stack gap={2} role="listbox" id="palette-list" aria-label="Commands">
              {shown.map((a, i) => (
                <Box
                  key={a.id}
                  id={optionId(a)}
                  role="option"
                  aria-selected={i === selected}
                  data-testid={`palette-${a.id}`}
                  onClick={() => run(a)}
                  onMouseEnter={() => setSelected(i)}
                  p="xs"
                  style={{
                    borderRadius: 6,
                    cursor: "pointer",
                    background: i === selected ? "var(--mantine-color-default-hover)" : undefined,
                  }}
                >
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="sm">{a.label}</Text>
                    <Group gap={6}>
                      {a.hint && (
                        <Badge size="xs" variant="light" color={a.color}>
                          {a.hint}
                        </Badge>
                      )}
                      {a.shortcut && <Kbd size="xs">{a.shortcut}</Kbd>}
                      <Text size="xs" c="dimmed">
                        {a.group}
                      </Text>
                    </Group>
                  </Group>
                </Box>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}

/**
 * Gives the focus back to where it was when the palette opened, as Mantine's Modal does when
 * `opened` changes — and also when the palette mounts open, which Mantine's does not see: it
 * loads with Mantine after the first paint, so its first opening can be its mounting.
 */
function useFocusReturn(opened: boolean) {
  const returnTo = useRef<Element | null>(null);
  useLayoutEffect(() => {
    if (opened) {
      returnTo.current = document.activeElement;
      return;
    }
    const back = returnTo.current;
    returnTo.current = null;
    // As Mantine's: a moment later, unless the focus has gone somewhere else since.
    const atClose = document.activeElement;
    const timer = setTimeout(() => {
      const now = document.activeElement;
      if (back instanceof HTMLElement && (now === null || now === document.body || now === atClose)) back.focus({ preventScroll: true });
    }, 10);
    return () => clearTimeout(timer);
  }, [opened]);
}
