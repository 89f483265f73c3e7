# “Billing (nightly)” and the API “Billing”, exported by Grantsmith from the tenant Development (dev-example.eu.auth0.com).
# For the Auth0 Terraform provider (auth0/auth0). The import blocks (Terraform 1.5 or later)
# adopt the existing objects on `terraform plan` instead of creating them again.
# No secret is written: the client secret stays with Auth0.

resource "auth0_client" "billing_nightly" {
  name        = "Billing (nightly)"
  app_type    = "non_interactive"
  grant_types = ["client_credentials"]
}

resource "auth0_resource_server" "billing" {
  name           = "Billing"
  identifier     = "urn:billing"
  signing_alg    = "HS256"
  token_lifetime = 86400
  # signing_secret is not written: Auth0 keeps the one it made.
}

resource "auth0_client_grant" "billing_nightly_billing" {
  client_id = auth0_client.billing_nightly.id
  audience  = auth0_resource_server.billing.identifier
  scopes    = []
}

import {
  to = auth0_client.billing_nightly
  id = "Hs2dWhq0G3UbyW5o1cbTTbqHl9XrEXLc"
}

import {
  to = auth0_resource_server.billing
  id = "6745b0a1c4e2f30087654321"
}

import {
  to = auth0_client_grant.billing_nightly_billing
  id = "cgr_8sVnYdKrNq2Lp0aa"
}
