/**
 * Links into the Auth0 Dashboard for a tenant domain such as `acme.eu.auth0.com`
 * (region `eu`, tenant `acme`) or `acme.auth0.com` (region `us`). None for other domains
 * (custom domains, the local Sandbox).
 */
export function dashboardBase(domain: string): string | undefined {
  const m = /^([a-z0-9-]+)\.(?:([a-z0-9-]+)\.)?auth0\.com$/i.exec(domain.trim());
  if (!m) return undefined;
  const [, tenant, region] = m;
  return `https://manage.auth0.com/dashboard/${region ?? "us"}/${tenant}`;
}

export function applicationLink(domain: string, clientId: string): string | undefined {
  const base = dashboardBase(domain);
  return base && `${base}/applications/${clientId}/settings`;
}

export function apiLink(domain: string, apiId: string): string | undefined {
  const base = dashboardBase(domain);
  return base && `${base}/apis/${apiId}/settings`;
}
