//! `grantsmith-sandbox [--listen ADDR]`: run the Sandbox tenant as a process.

#[tokio::main]
async fn main() {
    let listen = std::env::args()
        .skip_while(|a| a != "--listen")
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:4010".into());
    let addr = listen.parse().unwrap_or_else(|_| {
        eprintln!("--listen: \"{listen}\" is not an address like 127.0.0.1:4010");
        std::process::exit(2);
    });
    let sandbox = grantsmith_sandbox::RunningSandbox::start(addr)
        .await
        .unwrap_or_else(|e| {
            eprintln!("could not listen on {addr}: {e}");
            std::process::exit(1);
        });
    println!(
        "{}",
        serde_json::json!({"base_url": sandbox.base_url(), "issuer": sandbox.issuer()})
    );
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
}
