import { afterEach, describe, expect, it } from "vitest";
import { applyDesktopFonts } from "./desktopFonts";

const VARIABLES = [
  "--mantine-font-family",
  "--mantine-font-family-headings",
  "--mantine-font-family-monospace",
  "--mantine-font-weight-medium",
];
const value = (variable: string) => document.documentElement.style.getPropertyValue(variable);

describe("applyDesktopFonts", () => {
  afterEach(() => VARIABLES.forEach((v) => document.documentElement.style.removeProperty(v)));

  it("names the desktop's family, quoted so a name cannot break out, code in fontconfig's monospace, and semibold as the desktop draws it", () => {
    applyDesktopFonts({ family: 'Cantarell "x"', semibold: 700 });
    expect(value("--mantine-font-family")).toBe('"Cantarell \\"x\\"", sans-serif');
    expect(value("--mantine-font-family-headings")).toBe('"Cantarell \\"x\\"", sans-serif');
    expect(value("--mantine-font-family-monospace")).toBe("monospace");
    expect(value("--mantine-font-weight-medium")).toBe("700");
  });

  it("leaves the stylesheet's system-ui and Mantine's weights where Rust read no fonts (macOS, Windows)", () => {
    applyDesktopFonts(undefined);
    VARIABLES.forEach((v) => expect(value(v)).toBe(""));
  });
});
