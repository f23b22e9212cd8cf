//! Benchmark: `cargo run --release -p sandbox --example bench [-- GROUPS [SECONDS]]`.
//!
//! Starts an in-process sandbox on a fresh database seeded with `--demo-scale GROUPS`
//! (default 100000: that many groups, locks, and twice as many memberships), then measures
//! with `BENCH_CLIENTS` (default 2) concurrent keep-alive clients (client and server share the machine):
//! - a filtered, ordered page of 50 (`contains(title,'NN')`, `$orderby=title desc`,
//!   `expand=statistics`), the search a console runs;
//! - the same with `startswith` and `$skip`;
//! - get by id (`expand=statistics,supportedFeatures`);
//! - create membership (PUT, one write transaction each).
//!
//! Prints requests per second and p50/p90/p99/max latency for each.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TOKEN: &str = "bench";
/// Concurrent clients (`BENCH_CLIENTS`, default 2: one per core of the reference machine).
fn clients() -> usize {
    std::env::var("BENCH_CLIENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2)
}

struct Report {
    name: &'static str,
    lat: Vec<Duration>,
    wall: Duration,
    errors: u64,
}

impl Report {
    fn print(&mut self) {
        self.lat.sort();
        let pct = |p: f64| {
            let i = ((self.lat.len() as f64 - 1.0) * p).round() as usize;
            self.lat[i].as_secs_f64() * 1000.0
        };
        println!(
            "{:<44} {:>6} req {:>8.0} req/s   p50 {:>6.2} ms   p90 {:>6.2} ms   p99 {:>6.2} ms   max {:>6.2} ms   errors {}",
            self.name,
            self.lat.len(),
            self.lat.len() as f64 / self.wall.as_secs_f64(),
            pct(0.50),
            pct(0.90),
            pct(0.99),
            self.lat.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
            self.errors
        );
    }
}

/// Runs `total` requests from `CLIENTS` tasks; `make(k)` gives request k's method, path, body.
async fn run<F>(
    name: &'static str,
    client: &reqwest::Client,
    base: &str,
    total: u64,
    make: F,
) -> Report
where
    F: Fn(u64) -> (reqwest::Method, String, Option<serde_json::Value>) + Send + Sync + 'static,
{
    let make = Arc::new(make);
    let next = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients() {
        let (client, base, make, next, errors) = (
            client.clone(),
            base.to_string(),
            make.clone(),
            next.clone(),
            errors.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= total {
                    break;
                }
                let (m, path, body) = make(k);
                let mut rb = client
                    .request(m, format!("{base}{path}"))
                    .bearer_auth(TOKEN);
                if let Some(b) = body {
                    rb = rb.json(&b);
                }
                let t = Instant::now();
                match rb.send().await {
                    Ok(r) => {
                        let ok = r.status().is_success();
                        let _ = r.bytes().await;
                        if !ok {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    Err(_) => {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
                lat.push(t.elapsed());
            }
            lat
        }));
    }
    let mut lat = Vec::new();
    for t in tasks {
        lat.extend(t.await.expect("client task"));
    }
    Report {
        name,
        lat,
        wall: start.elapsed(),
        errors: errors.load(Ordering::Relaxed),
    }
}

/// A small deterministic pseudo-random sequence.
fn mix(k: u64) -> u64 {
    let mut x = k.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: u32 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(100_000);
    let secs_hint: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("sandbox-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let t = Instant::now();
    let server = sandbox::start(sandbox::Config {
        addr: "127.0.0.1:0".parse()?,
        db: dir.join("bench.sqlite3"),
        static_dir: dir.join("dist"),
        dev_token: Some(TOKEN.into()),
        demo: true,
        demo_scale: Some(n),
        ..Default::default()
    })
    .await?;
    println!(
        "seeded {n} groups, {n} locks, {} memberships in {:.1} s",
        2 * n,
        t.elapsed().as_secs_f64()
    );
    let base = server.url();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(clients())
        .build()?;
    let owners: serde_json::Value = client
        .get(format!("{base}/api/v1/Owners?$filter=name eq 'Scale {n}'"))
        .bearer_auth(TOKEN)
        .send()
        .await?
        .json()
        .await?;
    let owner = owners[0]["id"].as_str().expect("scale owner").to_string();
    let first: serde_json::Value = client
        .get(format!(
            "{base}/api/v1/Owners/{owner}/LockGroups?$top=1&$select=id"
        ))
        .bearer_auth(TOKEN)
        .send()
        .await?
        .json()
        .await?;
    let first_group: u64 = first[0]["id"].as_str().expect("a group").parse()?;
    // Seeding interleaves nothing: locks take IDs first, then groups.
    let first_lock = first_group - u64::from(n);
    let scale = if secs_hint > 0 { secs_hint } else { 1 };
    let n64 = u64::from(n);

    // Warm-up.
    let o = owner.clone();
    run("warm-up", &client, &base, 200, move |k| {
        (
            reqwest::Method::GET,
            format!("/api/v1/Owners/{o}/LockGroups?$top=50&$skip={}", k * 50),
            None,
        )
    })
    .await;

    let mut reports = Vec::new();
    let o = owner.clone();
    reports.push(
        run("filtered page: contains + orderby desc", &client, &base, 2000 * scale, move |k| {
            let nn = mix(k) % 100;
            (
                reqwest::Method::GET,
                format!(
                    "/api/v1/Owners/{o}/LockGroups?$filter=contains(title,'{nn:02}')%20and%20active%20eq%20true&$orderby=title%20desc&$top=50&expand=statistics"
                ),
                None,
            )
        })
        .await,
    );
    let o = owner.clone();
    reports.push(
        run("filtered page: startswith + orderby + skip", &client, &base, 2000 * scale, move |k| {
            let d = mix(k) % 10;
            let skip = (mix(k + 7) % 20) * 50;
            (
                reqwest::Method::GET,
                format!(
                    "/api/v1/Owners/{o}/LockGroups?$filter=startswith(title,'Scale%20Group%200{d}')&$orderby=title&$top=50&$skip={skip}"
                ),
                None,
            )
        })
        .await,
    );
    let o = owner.clone();
    reports.push(
        run(
            "get lock group by id (+statistics)",
            &client,
            &base,
            5000 * scale,
            move |k| {
                let id = first_group + mix(k) % n64;
                (
                    reqwest::Method::GET,
                    format!(
                        "/api/v1/Owners/{o}/LockGroups/{id}?expand=statistics,supportedFeatures"
                    ),
                    None,
                )
            },
        )
        .await,
    );
    let o = owner.clone();
    let creates = (3000 * scale).min(n64);
    reports.push(
        run(
            "create membership (PUT)",
            &client,
            &base,
            creates,
            move |k| {
                // Group k gets lock k+2: never already a member, never over the limit.
                let g = first_group + (k % n64);
                let l = first_lock + ((k + 2) % n64);
                (
                    reqwest::Method::PUT,
                    format!("/api/v1/Owners/{o}/LockGroups/{g}/Memberships"),
                    Some(serde_json::json!({"boundLockId": l.to_string()})),
                )
            },
        )
        .await,
    );
    println!("{} concurrent clients", clients());
    println!(
        "in-process server, {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    for r in &mut reports {
        r.print();
    }
    server.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
