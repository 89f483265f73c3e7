// The feature folders' import graph has no circle: a feature may use another (or, better,
// `components/` and `app/`), never one that uses it back, directly or around a loop.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const FEATURES = join(__dirname);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** feature → the other features it imports. */
function graph(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const feature of readdirSync(FEATURES, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const uses = new Set<string>();
    for (const file of files(join(FEATURES, feature.name))) {
      for (const m of readFileSync(file, "utf8").matchAll(/(?:from|import) "\.\.\/([a-z]+)\//g)) {
        if (m[1] !== feature.name) uses.add(m[1]!);
      }
    }
    edges.set(feature.name, uses);
  }
  return edges;
}

function cycles(edges: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (u: string) => {
    state.set(u, "open");
    path.push(u);
    for (const v of edges.get(u) ?? []) {
      if (state.get(v) === "open") found.push([...path.slice(path.indexOf(v)), v]);
      else if (!state.get(v)) visit(v);
    }
    path.pop();
    state.set(u, "done");
  };
  for (const u of edges.keys()) if (!state.get(u)) visit(u);
  return found;
}

describe("feature folders", () => {
  it("import each other without a circle", () => {
    expect(cycles(graph())).toEqual([]);
  });

  it("are all found (the check reads the real tree)", () => {
    const edges = graph();
    expect([...edges.keys()]).toEqual(expect.arrayContaining(["wizard", "carry", "change", "token", "apps", "apis"]));
    expect(edges.get("carry")?.has("change")).toBe(true);
  });

  it("detects a circle when there is one", () => {
    const looped = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
    ]);
    expect(cycles(looped)).toEqual([["a", "b", "c", "a"]]);
  });
});
