// The access matrix of one API: applications × scopes, answering "who holds write:orders?".
// Rows are the applications holding a grant, plus any the admin adds; ticking a cell stages
// a change (nothing is written until the staged set is reviewed and applied).
import { Anchor, Box, Button, Group, Select, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { IconSearch } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useNavigation } from "../../app/navigation";
import type { ApiDetail } from "../../bindings/ApiDetail";
import type { ChangeRequest } from "../../bindings/ChangeRequest";
import { indexApplications } from "../../ipc";
import { SearchedSelect } from "../../components/SearchedSelect";
import { ChangeReview } from "../change/ChangeReview";
import { StagedBar } from "../change/StagedBar";
import { useTenantKey } from "../profiles/useProfiles";
import classes from "./AccessMatrix.module.css";

interface Row {
  client_id: string;
  name: string;
  held: string[];
}

const cellKey = (clientId: string, scope: string) => `${clientId}\n${scope}`;

export function AccessMatrix({ api }: { api: ApiDetail }) {
  const { go } = useNavigation();
  const [staged, setStaged] = useState<Map<string, boolean>>(new Map());
  const [added, setAdded] = useState<Row[]>([]);
  const [filter, setFilter] = useState("");
  const [holding, setHolding] = useState<string | null>(null);
  const [request, setRequest] = useState<ChangeRequest | null>(null);

  const rows: Row[] = useMemo(() => {
    const granted = api.grants.map((g) => ({ client_id: g.client_id, name: g.app_name, held: g.scopes }));
    return [...granted, ...added.filter((a) => !granted.some((g) => g.client_id === a.client_id))];
  }, [api.grants, added]);
  const checked = (r: Row, scope: string) => staged.get(cellKey(r.client_id, scope)) ?? r.held.includes(scope);
  const q = filter.trim().toLowerCase();
  const shown = rows.filter(
    (r) => (!q || r.name.toLowerCase().includes(q) || r.client_id.toLowerCase().includes(q)) && (!holding || checked(r, holding)),
  );

  const toggle = (r: Row, scope: string) => {
    const next = new Map(staged);
    const value = !checked(r, scope);
    if (value === r.held.includes(scope)) next.delete(cellKey(r.client_id, scope));
    else next.set(cellKey(r.client_id, scope), value);
    setStaged(next);
  };
  const review = () =>
    setRequest({
      kind: "access",
      audience: api.identifier,
      toggles: [...staged].map(([k, granted]) => {
        const [client_id, scope] = k.split("\n") as [string, string];
        return { client_id, scope, granted };
      }),
    });

  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="Filter applications"
          placeholder="Name or client ID"
          leftSection={<IconSearch size={16} />}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          data-testid="matrix-filter"
          w="16rem"
        />
        <Select
          label="Holding scope"
          placeholder="Any"
          clearable
          searchable
          data={api.scopes.map((s) => s.value)}
          value={holding}
          onChange={setHolding}
          data-testid="matrix-holding"
          w="14rem"
        />
        <AddApplication exclude={rows.map((r) => r.client_id)} onAdd={(r) => setAdded([...added, r])} />
      </Group>
      {api.scopes.length === 0 ? (
        <Text c="dimmed" data-testid="matrix-no-scopes">
          This API has no scopes yet. Add some under Scopes; then give them to applications here.
        </Text>
      ) : rows.length === 0 ? (
        <Text c="dimmed" data-testid="matrix-empty">
          No application is authorized for {api.name} yet. Add one above to give it scopes.
        </Text>
      ) : (
        <div
          className={classes.scroller}
          tabIndex={0}
          data-testid="api-matrix"
          role="region"
          aria-label={`Who holds which scope of ${api.name}`}
        >
          <table className={classes.matrix}>
            <caption className={classes.caption}>Applications (rows) and the scopes of {api.name} they hold (columns)</caption>
            <thead>
              <tr>
                <th className={classes.corner} scope="col">
                  Application ({shown.length} of {rows.length})
                </th>
                {api.scopes.map((s) => (
                  <th key={s.value} scope="col" className={classes.scope}>
                    <Tooltip label={s.description || s.value} openDelay={300}>
                      <span className={classes.vertical}>{s.value}</span>
                    </Tooltip>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.client_id} data-testid="matrix-row" data-client-id={r.client_id}>
                  <th scope="row" className={classes.app}>
                    <Anchor
                      component="button"
                      size="sm"
                      ta="left"
                      onClick={() => go({ kind: "area", area: "apps", open: r.client_id })}
                      className={classes.appName}
                      title={r.name}
                      lineClamp={2}
                    >
                      {r.name}
                    </Anchor>
                  </th>
                  {api.scopes.map((s) => {
                    const pending = staged.has(cellKey(r.client_id, s.value));
                    return (
                      <td key={s.value} className={pending ? classes.pending : classes.cell}>
                        <input
                          type="checkbox"
                          className={classes.checkbox}
                          checked={checked(r, s.value)}
                          onChange={() => toggle(r, s.value)}
                          aria-label={`${r.name} holds ${s.value}`}
                          data-testid={`matrix-cell-${r.client_id}-${s.value}`}
                          data-pending={pending || undefined}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <StagedBar
        count={staged.size}
        idle="Tick or untick cells to stage changes; staged cells are highlighted."
        onDiscard={() => setStaged(new Map())}
        review={<Button data-testid="matrix-review" onClick={review} />}
      />
      <ChangeReview
        request={request}
        title={`Change access to ${api.name}`}
        apply={(p) => (
          <Button {...p} data-testid="matrix-apply">
            Apply changes
          </Button>
        )}
        result={(p) => <Stack {...p} data-testid="matrix-result" />}
        onClose={() => setRequest(null)}
        onApplied={(o) => {
          if (o.change.status === "done") {
            setStaged(new Map());
            setAdded([]);
          }
        }}
      />
    </Stack>
  );
}

/** Adds a row for an application that holds no grant yet (found in the index by name). */
function AddApplication({ exclude, onAdd }: { exclude: string[]; onAdd: (r: Row) => void }) {
  const key = useTenantKey();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 150);
  const found = useQuery({ queryKey: key("index-apps", debounced, "pick"), queryFn: () => indexApplications(debounced, null, 0, 20) });
  const options = (found.data?.rows ?? []).filter((a) => !exclude.includes(a.client_id));
  return (
    <Box w="18rem">
      <SearchedSelect
        label="Add an application"
        placeholder="Type part of its name"
        search={search}
        onSearch={setSearch}
        data={options.map((a) => ({ value: a.client_id, label: a.name }))}
        value={null}
        nothingFoundMessage={debounced ? "No application matches" : "Type to search"}
        onChange={(id) => {
          const a = options.find((x) => x.client_id === id);
          if (a) onAdd({ client_id: a.client_id, name: a.name, held: [] });
          setSearch("");
        }}
        data-testid="matrix-add"
      />
    </Box>
  );
}
