//! Quickstart snippets: every language renders for RS256 and HS256 with the tenant's values
//! and no secret; curl, Python, Node.js, Rust and Go are executed against the sandbox — the
//! calling side must obtain a token (once, then from its cache), the API side must accept a
//! valid token and reject a forged one. The executed ones need the packages and toolchains
//! `cargo xtask test` installs, or build for minutes (hence `#[ignore]` for a plain
//! `cargo test`). What is not executed, and why: the README's table.

use std::path::PathBuf;
use std::process::Command;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use grantsmith_auth0::types::{NewClient, NewClientGrant, NewResourceServer, Scope};
use grantsmith_auth0::{Auth0Client, ClientOptions, Sensitive, TenantUrl, TokenRequest};
use grantsmith_core::quickstart::{QuickstartInput, Side, Snippet, render};
use grantsmith_sandbox::{Sandbox, SandboxConfig};

const AUD: &str = "https://api.example.com/orders";

fn input(alg: &str) -> QuickstartInput {
    QuickstartInput {
        issuer: "https://acme.eu.auth0.com/".into(),
        client_id: "yCaTa3Jtg6Rni9tHKgSWQPGM2Fdhmo6W".into(),
        audience: AUD.into(),
        signing_alg: alg.into(),
        example_scope: Some("read:orders".into()),
    }
}

#[test]
fn every_language_renders_with_the_tenants_values_for_both_algorithms() {
    for alg in ["RS256", "HS256"] {
        let snippets = render(&input(alg));
        let ids: Vec<&str> = snippets.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "call-curl",
                "call-node",
                "call-python",
                "call-go",
                "call-rust",
                "call-csharp",
                "call-java",
                "api-node",
                "api-python",
                "api-go",
                "api-rust",
                "api-csharp",
                "api-java"
            ]
        );
        for s in &snippets {
            assert!(!s.code.contains("{{"), "{alg} {}: a placeholder was left:\n{}", s.id, s.code);
            assert!(s.code.contains(AUD), "{alg} {}: audience missing", s.id);
            match s.side {
                Side::Calling => {
                    assert!(s.code.contains("yCaTa3Jtg6Rni9tHKgSWQPGM2Fdhmo6W"), "{}: client id missing", s.id);
                    assert!(s.code.contains("https://acme.eu.auth0.com/oauth/token"), "{}: token URL missing", s.id);
                    assert!(s.code.contains("CLIENT_SECRET"), "{}: the secret must come from the environment", s.id);
                    assert!(s.code.to_lowercase().contains("cache"), "{}: tokens must be cached", s.id);
                }
                Side::Api => {
                    assert!(s.code.contains("https://acme.eu.auth0.com/"), "{}: issuer missing", s.id);
                    if alg == "HS256" {
                        assert!(s.code.contains("API_SIGNING_SECRET"), "{}: HS256 uses the signing secret", s.id);
                        assert!(!s.code.contains("jwks"), "{}: HS256 has no JWKS", s.id);
                    } else {
                        assert!(!s.code.contains("API_SIGNING_SECRET"), "{}: RS256 needs no secret", s.id);
                    }
                }
            }
        }
    }
}

struct Live {
    sb: Sandbox,
    client_id: String,
    secret: String,
    signing_secret: Option<String>,
    dir: tempfile::TempDir,
}

async fn live(alg: &str) -> Live {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let c = Auth0Client::new(
        TenantUrl::parse(&sb.base_url()).unwrap(),
        sb.management_client_id(),
        Sensitive::new(sb.management_client_secret()),
        &ClientOptions::default(),
    )
    .unwrap();
    let api = c
        .create_resource_server(&NewResourceServer {
            identifier: AUD.into(),
            signing_alg: Some(alg.into()),
            scopes: vec![Scope { value: "read:orders".into(), description: None }],
            ..NewResourceServer::default()
        })
        .await
        .unwrap();
    let app = c.create_client(&NewClient::machine_to_machine("Quickstart")).await.unwrap();
    c.create_client_grant(&NewClientGrant {
        client_id: app.client_id.clone(),
        audience: AUD.into(),
        scope: vec!["read:orders".into()],
    })
    .await
    .unwrap();
    Live {
        client_id: app.client_id,
        secret: app.client_secret.unwrap().expose().clone(),
        signing_secret: api.signing_secret.map(|s| s.expose().clone()),
        dir: tempfile::tempdir().unwrap(),
        sb,
    }
}

impl Live {
    fn snippet(&self, id: &str, alg: &str) -> Snippet {
        let input = QuickstartInput {
            issuer: self.sb.issuer().into(),
            client_id: self.client_id.clone(),
            audience: AUD.into(),
            signing_alg: alg.into(),
            example_scope: None,
        };
        let s = render(&input).into_iter().find(|s| s.id == id).unwrap();
        std::fs::write(self.dir.path().join(&s.filename), &s.code).unwrap();
        s
    }

    fn token_requests(&self) -> usize {
        self.sb.requests().iter().filter(|r| r.path == "/oauth/token").count()
    }

    /// Runs a rendered calling-side program twice-calling the API (the sandbox's JWKS URL
    /// stands in for the API: any authenticated GET will do).
    fn run_caller(&self, program: &str, args: &[&str]) -> String {
        let out = Command::new(program)
            .args(args)
            .current_dir(self.dir.path())
            .env("CLIENT_SECRET", &self.secret)
            .env("API_URL", format!("{}.well-known/jwks.json", self.sb.issuer()))
            .env("TOKEN_CACHE", self.dir.path().join("token-cache"))
            .output()
            .unwrap_or_else(|e| panic!("running {program}: {e}"));
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "{program} failed: {stdout}\n{}", String::from_utf8_lossy(&out.stderr));
        stdout
    }

    async fn tokens(&self) -> (String, String) {
        let c = Auth0Client::new(
            TenantUrl::parse(&self.sb.base_url()).unwrap(),
            "unused",
            Sensitive::new(String::new()),
            &ClientOptions::default(),
        )
        .unwrap();
        let secret = Sensitive::new(self.secret.clone());
        let good = c
            .request_token(&TokenRequest {
                client_id: &self.client_id,
                client_secret: &secret,
                audience: AUD,
                scope: None,
            })
            .await
            .unwrap();
        let good = good.access_token.expose().clone();
        // A forgery: the payload changed, the signature kept.
        let parts: Vec<&str> = good.split('.').collect();
        let mut claims: serde_json::Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        claims["scope"] = "read:orders admin:everything".into();
        let forged = format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(claims.to_string()), parts[2]);
        (good, forged)
    }
}

fn tool(var: &str) -> PathBuf {
    std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| {
        panic!("{var} is not set: run through `cargo xtask test`, which installs the quickstart packages")
    })
}

// Multi-threaded: the sandbox must keep serving while a test waits for a child process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn curl_python_and_node_callers_get_a_token_once_and_call_the_api() {
    let l = live("RS256").await;
    // The setup's own management token is already in the log.
    let base = l.token_requests();
    l.snippet("call-curl", "RS256");
    let out = l.run_caller("bash", &["call.sh"]);
    assert!(out.contains("\"keys\""), "curl called the API: {out}");
    l.run_caller("bash", &["call.sh"]);
    assert_eq!(l.token_requests() - base, 1, "the second run reuses the cached token");

    l.snippet("call-python", "RS256");
    let out = l.run_caller("python3", &["call.py"]);
    assert_eq!(out.lines().filter(|x| x.starts_with("200 ")).count(), 2, "{out}");
    assert_eq!(l.token_requests() - base, 2, "two API calls, one token");

    l.snippet("call-node", "RS256");
    let out = l.run_caller("node", &["call.js"]);
    assert_eq!(out.lines().filter(|x| x.starts_with("200 ")).count(), 2, "{out}");
    assert_eq!(l.token_requests() - base, 3, "two API calls, one token");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the quickstart's Python and Node.js packages: run through `cargo xtask test`"]
async fn python_and_node_apis_accept_a_valid_token_and_reject_a_forged_one() {
    let python = tool("GRANTSMITH_QS_PYTHON");
    let node_modules = tool("GRANTSMITH_QS_NODE_MODULES");
    for alg in ["RS256", "HS256"] {
        let l = live(alg).await;
        let (good, forged) = l.tokens().await;
        let signing_secret = l.signing_secret.clone().unwrap_or_default();

        l.snippet("api-python", alg);
        std::fs::write(
            l.dir.path().join("check.py"),
            "import sys, api\nc = api.app.test_client()\nfor t in sys.argv[1:]:\n    h = {'Authorization': 'Bearer ' + t} if t else {}\n    print(c.get('/api/orders', headers=h).status_code)\n",
        )
        .unwrap();
        let out = Command::new(&python)
            .args(["check.py", &good, &forged, ""])
            .current_dir(l.dir.path())
            .env("API_SIGNING_SECRET", &signing_secret)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            stdout.split_whitespace().collect::<Vec<_>>(),
            ["200", "401", "401"],
            "{alg} python: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );

        l.snippet("api-node", alg);
        std::fs::write(
            l.dir.path().join("check.js"),
            "const app = require('./api.js');\n\
             const server = app.listen(0, async () => {\n\
               const url = `http://127.0.0.1:${server.address().port}/api/orders`;\n\
               for (const t of process.argv.slice(2)) {\n\
                 const r = await fetch(url, { headers: t ? { authorization: `Bearer ${t}` } : {} });\n\
                 console.log(r.status);\n\
               }\n\
               server.close();\n\
             });\n",
        )
        .unwrap();
        let out = Command::new("node")
            .args(["check.js", &good, &forged, ""])
            .current_dir(l.dir.path())
            .env("NODE_PATH", &node_modules)
            .env("API_SIGNING_SECRET", &signing_secret)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            stdout.split_whitespace().collect::<Vec<_>>(),
            ["200", "401", "401"],
            "{alg} node: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// An identifier and client id from a hostile tenant: shell expansions, quotes, a line
/// break. The rendered programs must parse, treat them as plain text, and run nothing.
#[test]
fn hostile_values_stay_text_in_shell_python_and_node() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("pwned");
    let hostile = format!("https://x/$(touch {m})`touch {m}`\"'\\\n;touch {m}", m = marker.display());
    let input = QuickstartInput {
        audience: hostile.clone(),
        client_id: format!("c'\"$(touch {})", marker.display()),
        ..input("RS256")
    };
    let snippets = render(&input);
    let code = |id: &str| snippets.iter().find(|s| s.id == id).unwrap().code.clone();

    // Shell: parse the script, then evaluate its assignments and print the values back.
    let script = code("call-curl");
    let syntax = Command::new("bash").args(["-n", "-c", &script]).output().unwrap();
    assert!(syntax.status.success(), "call.sh does not parse: {}", String::from_utf8_lossy(&syntax.stderr));
    // The assignments (a quoted value may span lines) run from TOKEN_URL= up to CACHE=.
    let start = script.find("\nTOKEN_URL=").expect("assignments") + 1;
    let assignments = &script[start..start + script[start..].find("\nCACHE=").expect("cache line") + 1];
    let echoed = Command::new("bash")
        .args(["-c", &format!("{assignments}printf '%s\\0%s' \"$AUDIENCE\" \"$CLIENT_ID\"")])
        .output()
        .unwrap();
    let out = String::from_utf8(echoed.stdout).unwrap();
    assert_eq!(out.split('\0').collect::<Vec<_>>(), [hostile.as_str(), input.client_id.as_str()]);

    // Python: the file parses and holds the identifier as one string constant.
    let py = dir.path().join("call.py");
    std::fs::write(&py, code("call-python")).unwrap();
    let check = "import ast,sys; t=ast.parse(open(sys.argv[1]).read()); \
         print(any(isinstance(n, ast.Constant) and n.value == sys.argv[2] for n in ast.walk(t)))";
    let found = Command::new("python3").args(["-c", check, py.to_str().unwrap(), &hostile]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&found.stdout).trim(), "True", "{}", String::from_utf8_lossy(&found.stderr));

    // Node.js: the file parses.
    let js = dir.path().join("call.mjs");
    std::fs::write(&js, code("call-node")).unwrap();
    let node = Command::new("node").args(["--check", js.to_str().unwrap()]).output().unwrap();
    assert!(node.status.success(), "call.js does not parse: {}", String::from_utf8_lossy(&node.stderr));

    assert!(!marker.exists(), "nothing in a value was executed");
}

/// The `Cargo.toml` lines a Rust snippet's header comment tells the user to add
/// (`// Cargo.toml: a = "1", b = { … },` continued on indented comment lines).
fn cargo_dependencies(code: &str) -> Vec<String> {
    let mut text = String::new();
    for line in code.lines() {
        match line.strip_prefix("// Cargo.toml:") {
            Some(rest) => text.push_str(rest),
            None if !text.is_empty() && line.starts_with("//   ") => text.push_str(&line[2..]),
            None if !text.is_empty() => break,
            None => {}
        }
    }
    let (mut deps, mut depth, mut current) = (vec![], 0, String::new());
    for ch in text.chars() {
        match ch {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            ',' if depth == 0 => {
                deps.push(current.trim().to_string());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(ch);
    }
    deps.push(current.trim().to_string());
    deps.retain(|d| !d.is_empty());
    deps
}

/// A Cargo workspace with one package per rendered Rust snippet, each with exactly the
/// dependencies its comment names, each built on its own (so no feature another one
/// needs can make it build); the workspace's lock file pins the versions, a debug
/// profile without debug info keeps the build small. It builds into the workspace's target
/// folder (cargo test no longer holds its lock while tests run), which already holds much
/// of what the snippets need: about 100 s cold instead of 160 on two cores.
fn build_rust_snippets(dir: &std::path::Path, snippets: &[(&str, &Snippet)]) -> PathBuf {
    let members: Vec<String> = snippets.iter().map(|(name, _)| format!("{name:?}")).collect();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n[profile.dev]\ndebug = false\n", members.join(", ")),
    )
    .unwrap();
    for (name, s) in snippets {
        std::fs::create_dir_all(dir.join(name).join("src")).unwrap();
        std::fs::write(dir.join(name).join("src/main.rs"), &s.code).unwrap();
        let manifest = format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\n{}\n",
            cargo_dependencies(&s.code).join("\n")
        );
        std::fs::write(dir.join(name).join("Cargo.toml"), manifest).unwrap();
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let target = root.join("target");
    for (name, _) in snippets {
        let out = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "-p", name])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .unwrap();
        assert!(out.status.success(), "the {name} snippet does not build:\n{}", String::from_utf8_lossy(&out.stderr));
    }
    target.join("debug")
}

/// Starts a rendered API on a free port (`PORT=0`; it prints where it listens) and asks it
/// for /api/orders with each token; `None` sends no Authorization header.
async fn statuses_from_api(program: &std::path::Path, signing_secret: &str, tokens: &[Option<&str>]) -> Vec<u16> {
    use std::io::BufRead;
    let mut child = Command::new(program)
        .env("PORT", "0")
        .env("API_SIGNING_SECRET", signing_secret)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        std::io::BufReader::new(stdout).read_line(&mut line).unwrap();
        line
    })
    .await
    .unwrap();
    let port = line.trim().rsplit(':').next().and_then(|p| p.parse::<u16>().ok());
    let port = port.unwrap_or_else(|| panic!("{} did not say where it listens: {line:?}", program.display()));
    let http = reqwest::Client::new();
    let mut statuses = vec![];
    for t in tokens {
        let mut req = http.get(format!("http://127.0.0.1:{port}/api/orders"));
        if let Some(t) = t {
            req = req.bearer_auth(t);
        }
        statuses.push(req.send().await.unwrap().status().as_u16());
    }
    child.kill().unwrap();
    child.wait().unwrap();
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "builds the Rust snippets with cargo (a few minutes the first time): run through `cargo xtask test`"]
async fn rust_caller_and_axum_api_build_and_run_against_the_sandbox() {
    let (rs, hs) = (live("RS256").await, live("HS256").await);
    let call = rs.snippet("call-rust", "RS256");
    let (api_rs, api_hs) = (rs.snippet("api-rust", "RS256"), hs.snippet("api-rust", "HS256"));
    let project = tempfile::tempdir().unwrap();
    let bin = build_rust_snippets(project.path(), &[("call", &call), ("api_rs256", &api_rs), ("api_hs256", &api_hs)]);

    let base = rs.token_requests();
    let out = rs.run_caller(bin.join("call").to_str().unwrap(), &[]);
    assert_eq!(out.lines().filter(|x| x.starts_with("200 ")).count(), 2, "{out}");
    assert_eq!(rs.token_requests() - base, 1, "two API calls, one token");

    for (l, program) in [(&rs, bin.join("api_rs256")), (&hs, bin.join("api_hs256"))] {
        let (good, forged) = l.tokens().await;
        let secret = l.signing_secret.clone().unwrap_or_default();
        let statuses = statuses_from_api(&program, &secret, &[Some(&good), Some(&forged), None]).await;
        assert_eq!(statuses, [200, 401, 401], "{}", program.display());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Go (Debian's golang-go, which `cargo xtask test` installs)"]
async fn go_caller_gets_a_token_once_and_calls_the_api() {
    let go = tool("GRANTSMITH_QS_GO");
    let l = live("RS256").await;
    let base = l.token_requests();
    let s = l.snippet("call-go", "RS256");
    let out = l.run_caller(go.to_str().unwrap(), &["run", &s.filename]);
    assert_eq!(out.lines().filter(|x| x.starts_with("200 ")).count(), 2, "{out}");
    assert_eq!(l.token_requests() - base, 1, "two API calls, one token");
}
