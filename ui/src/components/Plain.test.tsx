import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Hint } from "./Plain";

describe("Hint", () => {
  it("describes its control, and shows while the control is hovered", () => {
    render(
      <Hint label="Manage tenants">
        <button type="button">Settings</button>
      </Hint>,
    );
    const button = screen.getByRole("button", { name: "Settings" });
    const tip = screen.getByText("Manage tenants");
    expect(button.getAttribute("aria-describedby")).toBe(tip.id);
    expect(tip.hidden).toBe(true);
    fireEvent.pointerEnter(button.parentElement!);
    expect(tip.hidden).toBe(false);
    fireEvent.pointerLeave(button.parentElement!);
    expect(tip.hidden).toBe(true);
  });

  it("says nothing while disabled (the palette it opened is on show)", () => {
    render(
      <Hint label="Switch tenant" disabled>
        <button type="button">Go to…</button>
      </Hint>,
    );
    fireEvent.pointerEnter(screen.getByRole("button").parentElement!);
    expect(screen.queryByRole("tooltip", { hidden: true })).toBeNull();
    expect(screen.getByRole("button").getAttribute("aria-describedby")).toBeNull();
  });
});
