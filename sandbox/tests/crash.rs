//! Crash test: writes under load, `kill -9` at an arbitrary moment, restart on the same
//! database: every acknowledged write is there (and the database opens cleanly).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

const TOKEN: &str = "crash-token";

fn spawn(db: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sandbox"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--demo",
            "--dev-token",
            TOKEN,
            "--static",
        ])
        .arg(db.with_file_name("no-dist"))
        .arg("--db")
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("sandbox binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("banner");
    let url = line
        .trim()
        .strip_prefix("Lock Groups Admin sandbox: ")
        .unwrap_or_else(|| panic!("unexpected banner {line:?}"))
        .trim_end_matches('/')
        .to_string();
    (child, url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite3");
    let client = reqwest::Client::new();
    // (group id, title) and (group id, membership id) acknowledged with 200.
    let acked_groups: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let acked_members: Arc<Mutex<Vec<(String, String)>>> = Arc::default();

    for round in 0..3 {
        let (mut child, url) = spawn(&db);
        let mut tasks = Vec::new();
        for w in 0..8 {
            let (client, url) = (client.clone(), url.clone());
            let (groups, members) = (acked_groups.clone(), acked_members.clone());
            tasks.push(tokio::spawn(async move {
                for i in 0.. {
                    let title = format!("crash r{round} w{w} #{i}");
                    let r = client
                        .put(format!("{url}/api/v1/Owners/1/LockGroups"))
                        .bearer_auth(TOKEN)
                        .json(&json!({"title": title}))
                        .send()
                        .await;
                    let Ok(r) = r else { break };
                    if r.status() != 200 {
                        break;
                    }
                    let Ok(v) = r.json::<Value>().await else { break };
                    let gid = v["id"].as_str().unwrap().to_string();
                    groups.lock().unwrap().push((gid.clone(), title.clone()));
                    // A fresh lock for every group, so every membership PUT can succeed.
                    let r = client
                        .put(format!("{url}/api/v1/Owners/1/BoundLocks"))
                        .bearer_auth(TOKEN)
                        .json(&json!({"physicalLockId": format!("CR{round}-{w}-{i}"), "bindingCode": "x", "title": title}))
                        .send()
                        .await;
                    let Ok(r) = r else { break };
                    let Ok(lock) = r.json::<Value>().await else { break };
                    let Some(lock_id) = lock["id"].as_str() else { break };
                    let r = client
                        .put(format!("{url}/api/v1/Owners/1/LockGroups/{gid}/Memberships"))
                        .bearer_auth(TOKEN)
                        .json(&json!({"boundLockId": lock_id}))
                        .send()
                        .await;
                    let Ok(r) = r else { break };
                    if r.status() == 200 {
                        let Ok(v) = r.json::<Value>().await else { break };
                        members.lock().unwrap().push((gid, v["id"].as_str().unwrap().to_string()));
                    }
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(700 + 300 * round)).await;
        child.kill().expect("kill -9"); // SIGKILL on Unix
        child.wait().unwrap();
        for t in tasks {
            let _ = t.await;
        }
    }

    let groups = acked_groups.lock().unwrap().clone();
    let members = acked_members.lock().unwrap().clone();
    assert!(groups.len() > 30, "load was generated: {}", groups.len());
    let (mut child, url) = spawn(&db);
    let all: Vec<Value> = client
        .get(format!(
            "{url}/api/v1/Owners/1/LockGroups?$filter=startswith(title,'crash ')"
        ))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let found: std::collections::HashMap<String, String> = all
        .iter()
        .map(|g| {
            (
                g["id"].as_str().unwrap().to_string(),
                g["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (id, title) in &groups {
        assert_eq!(found.get(id), Some(title), "acknowledged group {id} lost");
    }
    for (gid, mid) in &members {
        let ms: Vec<Value> = client
            .get(format!(
                "{url}/api/v1/Owners/1/LockGroups/{gid}/Memberships"
            ))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            ms.iter().any(|m| m["id"] == mid.as_str()),
            "acknowledged membership {mid} lost"
        );
    }
    // Consistency: lock 12 is in at most 8 groups, whatever the crashes did.
    let lock: Value = client
        .get(format!(
            "{url}/api/v1/Owners/1/BoundLocks/12?expand=membershipStatistics"
        ))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let pending: u64 = lock["membershipStatistics"]["ByState"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["State"] != "Unjoined")
        .map(|s| s["Count"].as_u64().unwrap())
        .sum();
    assert!(pending <= 8, "{lock}");
    child.kill().unwrap();
    child.wait().unwrap();
    eprintln!(
        "crash test: {} groups and {} memberships acknowledged across 3 kills, all present",
        groups.len(),
        members.len()
    );
}
