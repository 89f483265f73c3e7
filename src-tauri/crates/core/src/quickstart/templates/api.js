// Validate access tokens for {{AUDIENCE}} in an Express API.
// npm install express express-oauth2-jwt-bearer
const express = require("express");
const { auth, requiredScopes } = require("express-oauth2-jwt-bearer");

const app = express();
{{#RS256}}// RS256: keys come from the tenant's JWKS ({{JWKS_URL}}), found through discovery.
app.use(auth({ issuerBaseURL: "{{ISSUER}}", audience: "{{AUDIENCE}}" }));
{{/RS256}}{{#HS256}}// HS256: the API's signing secret comes from the environment (API_SIGNING_SECRET).
app.use(auth({ issuer: "{{ISSUER}}", audience: "{{AUDIENCE}}", secret: process.env.API_SIGNING_SECRET, tokenSigningAlg: "HS256" }));
{{/HS256}}
app.get("/api/orders", (req, res) => {
  res.json({ ok: true, sub: req.auth.payload.sub, scope: req.auth.payload.scope });
});

// Example of a route that also needs a scope:
app.post("/api/orders", requiredScopes("{{FIRST_SCOPE}}"), (req, res) => res.status(201).json({ ok: true }));

module.exports = app;
if (require.main === module) app.listen(process.env.PORT || 3000);
