import { describe, expect, it } from "vitest";
import { apiLink, applicationLink, dashboardBase } from "./dashboard";

describe("Auth0 Dashboard links", () => {
  it("reads region and tenant from the domain", () => {
    expect(dashboardBase("acme-prod.eu.auth0.com")).toBe("https://manage.auth0.com/dashboard/eu/acme-prod");
    expect(dashboardBase("acme.auth0.com")).toBe("https://manage.auth0.com/dashboard/us/acme");
    expect(applicationLink("acme.us.auth0.com", "abc")).toBe("https://manage.auth0.com/dashboard/us/acme/applications/abc/settings");
    expect(apiLink("acme.au.auth0.com", "65f0")).toBe("https://manage.auth0.com/dashboard/au/acme/apis/65f0/settings");
  });

  it("has no link for the sandbox or a custom domain", () => {
    expect(dashboardBase("http://127.0.0.1:4010")).toBeUndefined();
    expect(dashboardBase("login.acme.com")).toBeUndefined();
  });
});
