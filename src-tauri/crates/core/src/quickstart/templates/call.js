// Get a Machine-to-Machine token for {{AUDIENCE}} and call the API (Node.js 18+, no packages).
// The secret comes from the environment: CLIENT_SECRET=... node call.js
// The token is cached in memory until shortly before it expires (Auth0 counts M2M tokens).
let cached = null;

async function getToken() {
  if (cached && cached.expiresAt - 60_000 > Date.now()) return cached.token;
  const response = await fetch("{{TOKEN_URL}}", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: "{{CLIENT_ID}}",
      client_secret: process.env.CLIENT_SECRET,
      audience: "{{AUDIENCE}}",
    }),
  });
  if (!response.ok) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  const body = await response.json();
  cached = { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  return cached.token;
}

async function callApi(path = "") {
  const token = await getToken();
  const response = await fetch((process.env.API_URL ?? "{{AUDIENCE}}") + path, {
    headers: { authorization: `Bearer ${token}` },
  });
  console.log(response.status, await response.text());
}

(async () => {
  await callApi();
  await callApi(); // reuses the cached token
})();
