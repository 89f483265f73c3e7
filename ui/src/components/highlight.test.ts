import { describe, expect, it } from "vitest";
import { highlight } from "./highlight";

describe("highlight", () => {
  it("escapes markup in the code it highlights", () => {
    const html = highlight('const x = "<script>alert(1)</script>";', "javascript");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('class="hljs-');
  });
});
