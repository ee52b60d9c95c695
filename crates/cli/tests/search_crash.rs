//! Kills a real `hulian serve` (SIGKILL) again and again while listings are
//! being written, restarts it, and checks that the search index ends up
//! agreeing with the database: nothing written is lost to search, nothing
//! deleted lingers.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers outside #[test] functions

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// One HTTP/1.0 request; `None` when the server is not answering.
fn http(addr: SocketAddr, method: &str, path: &str, token: Option<&str>, body: Option<&Value>) -> Option<(u16, Value)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let payload = body.map(Value::to_string).unwrap_or_default();
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.0\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{payload}",
        payload.len()
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let text = String::from_utf8_lossy(&response);
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, serde_json::from_str(body).unwrap_or(Value::Null)))
}

fn start(dir: &Path, addr: SocketAddr) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hulian"))
        .args(["serve", "--addr", &addr.to_string(), "--spa-dir", "/nonexistent"])
        .arg("--data-dir")
        .arg(dir)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start hulian serve");
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Some((200, _)) = http(addr, "GET", "/readyz", None, None) {
            return child;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().ok();
    child.wait().ok();
    panic!("hulian serve did not become ready");
}

/// Every external id a paged endpoint lists.
fn all_ids(addr: SocketAddr, path: &str, pick: fn(&Value) -> Option<&str>, items: &str) -> (u64, BTreeSet<String>) {
    let mut ids = BTreeSet::new();
    let mut total = 0;
    for page in 1.. {
        let (status, body) = http(addr, "GET", &format!("{path}per_page=100&page={page}"), None, None).expect("answer");
        assert_eq!(status, 200, "{body}");
        total = body["total"].as_u64().unwrap();
        let batch = body[items].as_array().unwrap();
        ids.extend(batch.iter().filter_map(|v| pick(v).map(str::to_owned)));
        if batch.is_empty() || ids.len() as u64 >= total {
            break;
        }
    }
    (total, ids)
}

#[test]
fn the_index_agrees_with_the_database_after_repeated_kills() {
    let dir = tempfile::tempdir().unwrap();
    let admin = Command::new(env!("CARGO_BIN_EXE_hulian"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "create-admin",
            "--email",
            "ops@example.com",
            "--password",
            "a-long-password",
        ])
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert!(admin.status.success());
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let mut server = start(dir.path(), addr);
    let (_, session) = http(
        addr,
        "POST",
        "/api/v1/auth/login",
        None,
        Some(&json!({"email": "ops@example.com", "password": "a-long-password"})),
    )
    .unwrap();
    let token = session["access_token"].as_str().unwrap().to_owned();
    let org = json!({"external_id": "org-k", "name": "大连港口装备有限公司", "org_type": "enterprise", "region": "dalian",
        "sectors": ["equipment"], "description": "港口起重机制造。"});
    assert_eq!(
        http(addr, "POST", "/api/v1/organizations", Some(&token), Some(&org))
            .unwrap()
            .0,
        201
    );

    let written = Arc::new(AtomicUsize::new(0));
    for (round, delay_ms) in [120u64, 350, 600, 900, 1300].into_iter().enumerate() {
        let stop = Arc::new(AtomicBool::new(false));
        let writer = {
            let (stop, written, token) = (stop.clone(), written.clone(), token.clone());
            std::thread::spawn(move || {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let id = format!("k-{round}-{n}");
                    let listing = json!({"external_id": id, "organization": "org-k", "listing_type": "project",
                        "title": format!("岸桥自动化改造项目 {id}"), "description": "拟引进战略投资者。",
                        "sectors": ["equipment"], "region": "dalian", "deadline": "2099-12-31"});
                    if let Some((201, _)) = http(addr, "POST", "/api/v1/listings", Some(&token), Some(&listing)) {
                        written.fetch_add(1, Ordering::Relaxed);
                    }
                    if n % 5 == 0 {
                        // Deletions too, so that a lost delete would show as a stale hit.
                        let _ = http(
                            addr,
                            "DELETE",
                            &format!("/api/v1/listings/k-{round}-{}", n - 2),
                            Some(&token),
                            None,
                        );
                    }
                }
            })
        };
        std::thread::sleep(Duration::from_millis(delay_ms));
        server.kill().expect("SIGKILL");
        server.wait().ok();
        stop.store(true, Ordering::Relaxed);
        writer.join().unwrap();
        server = start(dir.path(), addr);
    }
    assert!(
        written.load(Ordering::Relaxed) > 20,
        "the writers wrote while the server was killed"
    );

    // The follower catches up after the last restart.
    let listed = all_ids(addr, "/api/v1/listings?", |v| v["external_id"].as_str(), "items");
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut searched = all_ids(
        addr,
        "/api/v1/search?",
        |v| v["listing"]["external_id"].as_str(),
        "hits",
    );
    while searched != listed && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
        searched = all_ids(
            addr,
            "/api/v1/search?",
            |v| v["listing"]["external_id"].as_str(),
            "hits",
        );
    }
    server.kill().ok();
    server.wait().ok();
    assert_eq!(searched.0, listed.0, "search and database count the same listings");
    assert_eq!(searched.1, listed.1, "search and database hold the same listings");
}
