# “Orders worker” and the API “Orders API”, exported by Grantsmith from the tenant Development (dev-example.eu.auth0.com).
# For the Auth0 Terraform provider (auth0/auth0). The import blocks (Terraform 1.5 or later)
# adopt the existing objects on `terraform plan` instead of creating them again.
# No secret is written: the client secret stays with Auth0.

resource "auth0_client" "orders_worker" {
  name        = "Orders worker"
  description = "Ships \"paid\" orders; $${not a template}"
  app_type    = "non_interactive"
  grant_types = ["client_credentials"]
}

resource "auth0_resource_server" "orders_api" {
  name           = "Orders API"
  identifier     = "https://api.example.com/orders"
  signing_alg    = "RS256"
  token_lifetime = 3600
}

resource "auth0_resource_server_scopes" "orders_api" {
  resource_server_identifier = auth0_resource_server.orders_api.identifier

  scopes {
    name        = "read:orders"
    description = "Read orders"
  }

  scopes {
    name = "write:orders"
  }
}

resource "auth0_client_grant" "orders_worker_orders_api" {
  client_id = auth0_client.orders_worker.id
  audience  = auth0_resource_server.orders_api.identifier
  scopes    = ["read:orders"]
}

import {
  to = auth0_client.orders_worker
  id = "AaiyAPdpYdesoKnqjj8HJqRn4T5titww"
}

import {
  to = auth0_resource_server.orders_api
  id = "6745b0a1c4e2f30012345678"
}

import {
  to = auth0_resource_server_scopes.orders_api
  id = "https://api.example.com/orders"
}

import {
  to = auth0_client_grant.orders_worker_orders_api
  id = "cgr_4kBTcXPTfd6ugYmk"
}
