import { DEFAULT_THEME } from "@mantine/core";
import { describe, expect, it } from "vitest";
import pageBackground from "./page-background.json";
import { contrast, readableColors, theme } from "./theme";

const resolved = readableColors({ ...DEFAULT_THEME, ...theme } as typeof DEFAULT_THEME);

describe("readable colours", () => {
  it("computes contrast as WCAG does", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#868e96", "#ffffff")).toBeCloseTo(3.32, 2);
  });

  it("gives every coloured text 4.5:1 on white and on its own light background", () => {
    for (const [name, colors] of Object.entries(DEFAULT_THEME.colors)) {
      const text = resolved.light[`--mantine-color-${name}-text`];
      if (!text) continue;
      expect(contrast(text, "#ffffff"), name).toBeGreaterThanOrEqual(4.5);
      expect(contrast(text, colors[1]), name).toBeGreaterThanOrEqual(4.5);
      expect(contrast(text, colors[2]), name).toBeGreaterThanOrEqual(4.5);
      expect(resolved.light[`--mantine-color-${name}-light-color`]).toBe(text);
    }
  });

  it("makes secondary text readable on both backgrounds", () => {
    expect(contrast(resolved.light["--mantine-color-dimmed"]!, DEFAULT_THEME.colors.gray[1])).toBeGreaterThanOrEqual(4.5);
    expect(contrast(resolved.dark["--mantine-color-dimmed"]!, DEFAULT_THEME.colors.dark[6])).toBeGreaterThanOrEqual(4.5);
    expect(contrast(resolved.dark["--mantine-color-error"]!, DEFAULT_THEME.colors.dark[6])).toBeGreaterThanOrEqual(4.5);
  });

  it("paints the page in the colours the window starts with, and its text reads on them", () => {
    expect(resolved.light["--mantine-color-body"]).toBe(pageBackground.light);
    expect(resolved.dark["--mantine-color-body"]).toBe(pageBackground.dark);
    expect(contrast("#000000", pageBackground.light)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(resolved.light["--mantine-color-dimmed"]!, pageBackground.light)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(DEFAULT_THEME.colors.dark[0], pageBackground.dark)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(resolved.dark["--mantine-color-dimmed"]!, pageBackground.dark)).toBeGreaterThanOrEqual(4.5);
  });
});
