//! Bulk work in a real browser against the sandbox: "Export CSV" of the lock-group list
//! and of a group's members (the downloaded files compared with the API's data), "Import
//! locks" (a preview line of every kind, a pick among shared titles, Cancel in the middle,
//! the results file, a CSV file's column) and "Import groups" (the preview's flags, the
//! creation, a file that is not CSV). Downloads go to a fresh directory per test, set
//! through DevTools (`Browser.setDownloadBehavior`).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};
use support::{browser::Cdp, eventually, Session};

/// Chromium saves downloads into `dir`.
async fn download_to(s: &Session, dir: &Path) {
    s.browser
        .issue_cmd(Cdp(
            "Browser.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": dir.to_str().unwrap() }),
        ))
        .await
        .expect("chromedriver runs the DevTools command");
}

/// Every request of the page takes `ms` longer (an import's requests can then be
/// cancelled in the middle); 0 lifts it.
async fn latency(s: &Session, ms: u64) {
    for (cmd, params) in [
        ("Network.enable", json!({})),
        (
            "Network.emulateNetworkConditions",
            json!({ "offline": false, "latency": ms, "downloadThroughput": -1, "uploadThroughput": -1 }),
        ),
    ] {
        s.browser
            .issue_cmd(Cdp(cmd, params))
            .await
            .expect("chromedriver runs the DevTools command");
    }
}

/// Today in UTC, as the file names have it.
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        / 86_400;
    // Days to civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Waits for the finished download `name` in `dir` and returns its records (header
/// first), checking the byte-order mark.
async fn downloaded(dir: &Path, name: &str) -> Vec<Vec<String>> {
    downloaded_with(dir, name, b',').await
}

/// As [`downloaded`], the columns separated by `separator`.
async fn downloaded_with(dir: &Path, name: &str, separator: u8) -> Vec<Vec<String>> {
    let path: PathBuf = dir.join(name);
    let bytes = eventually(format!("no download {name}"), || {
        let path = path.clone();
        async move {
            match std::fs::read(&path) {
                Ok(b) if !b.is_empty() => Ok(b),
                _ => Err(format!(
                    "in the directory: {:?}",
                    std::fs::read_dir(path.parent().unwrap())
                        .map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
                        .unwrap_or_default()
                )),
            }
        }
    })
    .await;
    let text = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("the file starts with UTF-8's byte-order mark");
    csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .from_reader(text)
        .records()
        .map(|r| r.expect("RFC 4180").iter().map(str::to_string).collect())
        .collect()
}

/// Fills the import's textarea, line by line (Enter between lines, as typed).
async fn paste(s: &Session, label: &str, lines: &[&str]) {
    let field = s.by_role("textbox", label).await;
    field.send_keys(&lines.join("\n")).await.expect("keys");
}

/// Chooses `path` in the file input labelled `label`.
async fn choose_file(s: &Session, label: &str, path: &Path) {
    let input = eventually(format!("no file input {label:?}"), || async {
        let found = s
            .browser
            .execute(
                "const l = [...document.querySelectorAll('label')].find(l => l.textContent.trim() === arguments[0]);
                 return l && l.control && l.control.type === 'file' ? l.control : null;",
                vec![json!(label)],
            )
            .await
            .expect("script runs");
        match found {
            Value::Null => Err("not there".to_string()),
            v => Ok(v),
        }
    })
    .await;
    let id = input["element-6066-11e4-a52e-4f735466cecf"]
        .as_str()
        .unwrap()
        .to_string();
    let element = fantoccini::elements::Element::from_element_id(
        s.browser.clone(),
        fantoccini::elements::ElementRef::from(id),
    );
    element
        .send_keys(path.to_str().unwrap())
        .await
        .expect("file chosen");
}

/// The rows of the preview or results table: the text of each row.
async fn table_rows(s: &Session, caption: &str) -> Vec<String> {
    let table = s.by_role_prefix("table", caption).await;
    let value = s
        .browser
        .execute(
            // What the row says in words: without icons (aria-hidden) and a pick's options.
            "return [...arguments[0].tBodies[0].rows].map(r => [...r.cells].map(c => {
                 const k = c.cloneNode(true);
                 k.querySelectorAll('[aria-hidden=true], select').forEach(e => e.remove());
                 return k.textContent;
             }).join(' ').replace(/\\s+/g, ' ').trim());",
            vec![serde_json::to_value(&table).unwrap()],
        )
        .await
        .expect("script runs");
    serde_json::from_value(value).unwrap()
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name:?} in {header:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exporting_the_list_saves_every_group_as_the_api_has_it() {
    support::run("bulk_export_list", async |s| {
        let tricky = "Comma, \"quotes\" and\na line break";
        s.api_put(
            "/Owners/1/LockGroups",
            json!({ "title": tricky, "description": "Zürich; süd" }),
        )
        .await;
        let dir = tempfile::tempdir().unwrap();
        s.goto("/owners/1/lock-groups?size=25").await;
        s.by_role_prefix("table", "Lock groups").await;
        download_to(s, dir.path()).await;

        s.click("button", "Export CSV").await;
        s.wait_for_text("Exported 10 rows to lock-groups-Head-Office-")
            .await;
        let name = format!("lock-groups-Head-Office-{}.csv", today());
        let records = downloaded(dir.path(), &name).await;
        let header = &records[0];
        assert_eq!(
            header,
            &[
                "id",
                "title",
                "description",
                "joining",
                "active",
                "leaving",
                "left",
                "time restrictions"
            ]
        );
        // The same groups, in the same order (by title), as the API lists them.
        let api: Vec<Value> = s
            .api_get("/Owners/1/LockGroups?$orderby=title%20asc&expand=statistics")
            .await;
        let rows = &records[1..];
        assert_eq!(rows.len(), api.len());
        for (row, g) in rows.iter().zip(&api) {
            assert_eq!(row[col(header, "id")], g["id"].as_str().unwrap());
            assert_eq!(row[col(header, "title")], g["title"].as_str().unwrap());
            assert_eq!(
                row[col(header, "description")],
                g["description"].as_str().unwrap_or_default()
            );
        }
        let all_staff = rows.iter().find(|r| r[1] == "All Staff").unwrap();
        assert_eq!(
            &all_staff[3..7],
            ["1", "5", "1", "1"],
            "joining, active, leaving, left"
        );
        assert!(
            rows.iter().any(|r| r[1] == tricky && r[2] == "Zürich; süd"),
            "the title with a comma, quotes and a line break survives: {rows:?}"
        );

        // With a search and the other order: only what the list shows, Z to A.
        let search = s.by_role("searchbox", "Search by title").await;
        search.send_keys("room").await.unwrap();
        s.wait_for_path(|p| p.contains("q=room"), "the search in the URL")
            .await;
        s.click("button", "Title, sort Z to A").await;
        s.wait_for_path(|p| p.contains("sort=-title"), "the order in the URL")
            .await;
        std::fs::remove_file(dir.path().join(&name)).unwrap();
        s.click("button", "Export CSV").await;
        s.wait_for_text("Exported 1 rows").await;
        let records = downloaded(dir.path(), &name).await;
        let titles: Vec<&str> = records[1..].iter().map(|r| r[1].as_str()).collect();
        assert_eq!(titles, ["Meeting Rooms"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exporting_for_german_excel_writes_semicolons_and_runs_no_formula() {
    support::run("bulk_export_semicolons", async |s| {
        let formula = "=HYPERLINK(\"http://example.com\",\"x\")";
        let created: Value = s
            .api_put(
                "/Owners/1/LockGroups",
                json!({ "title": formula, "description": "a; b" }),
            )
            .await;
        let dir = tempfile::tempdir().unwrap();
        s.goto("/owners/1/lock-groups?q=HYPERLINK").await;
        s.wait_for_text("HYPERLINK").await;
        download_to(s, dir.path()).await;

        let separator = s
            .by_role("combobox", "Separator of the exported CSV (UTF-8)")
            .await;
        assert_eq!(
            s.option_texts(&separator).await,
            ["Commas (,)", "Semicolons (;)"]
        );
        separator.select_by_value("semicolon").await.unwrap();
        s.click("button", "Export CSV").await;
        s.wait_for_text("Exported 1 rows").await;
        let name = format!("lock-groups-Head-Office-{}.csv", today());
        let records = downloaded_with(dir.path(), &name, b';').await;
        assert_eq!(records[0][..3], ["id", "title", "description"]);
        assert_eq!(records.len(), 2, "{records:?}");
        assert_eq!(records[1][0], created["id"].as_str().unwrap());
        // Shown as text by a spreadsheet, never run: OWASP's leading apostrophe.
        assert_eq!(records[1][1], format!("'{formula}"));
        assert_eq!(records[1][2], "a; b");

        // The file imports back as it is: the title is the group's own, so it exists.
        s.click("button", "Import groups").await;
        s.by_role("dialog", "Import lock groups").await;
        choose_file(s, "Or a CSV file", &dir.path().join(&name)).await;
        s.wait_for_text("The file's columns are read as separated by semicolons (;).")
            .await;
        s.click("button", "Preview").await;
        s.wait_for_text("Preview: 0 to create, 1 skipped.").await;
        let rows = table_rows(s, "Preview of the import").await;
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert!(
            rows[0].starts_with(&format!("2 {formula} a; b"))
                && rows[0].ends_with("a lock group with this title exists already"),
            "{rows:?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exporting_members_and_grants_keeps_their_filters_and_cancel_saves_nothing() {
    support::run("bulk_export_members", async |s| {
        let dir = tempfile::tempdir().unwrap();
        s.goto("/owners/1/lock-groups/101/members?state=Joined")
            .await;
        s.by_role("table", "Lock memberships").await;
        s.wait_row("Reception", "Active").await;
        download_to(s, dir.path()).await;

        s.click("button", "Export CSV").await;
        s.wait_for_text("Exported 5 rows to members-All-Staff-")
            .await;
        let name = format!("members-All-Staff-{}.csv", today());
        let records = downloaded(dir.path(), &name).await;
        let header = &records[0];
        let (lock, state, added) = (
            col(header, "lock title"),
            col(header, "state"),
            col(header, "added"),
        );
        let mut locks: Vec<&str> = records[1..].iter().map(|r| r[lock].as_str()).collect();
        locks.sort();
        assert_eq!(
            locks,
            ["Kitchen", "Lab", "Mail Room", "Main Entrance", "Reception"]
        );
        for r in &records[1..] {
            assert_eq!(r[state], "Active");
            // ISO 8601 in UTC, as the API's own dates.
            assert!(
                r[added].len() == 24 && r[added].ends_with('Z') && r[added].as_bytes()[10] == b'T',
                "{r:?}"
            );
        }
        // Each membership as the API has it.
        let api: Vec<Value> = s
            .api_get("/Owners/1/LockGroups/101/Memberships?expand=boundLock")
            .await;
        for r in &records[1..] {
            let m = api
                .iter()
                .find(|m| m["id"] == r[col(header, "membership id")].as_str())
                .expect("the membership exists");
            assert_eq!(m["boundLockId"], r[col(header, "lock id")].as_str());
        }

        // The Grants tab: its active grants (the default filter), contacts named.
        s.click("link", "Grants, 3").await;
        s.by_role_prefix("table", "Grants").await;
        s.click("button", "Export CSV").await;
        s.wait_for_text("Exported 3 rows to grants-All-Staff-")
            .await;
        let grants = downloaded(dir.path(), &format!("grants-All-Staff-{}.csv", today())).await;
        assert_eq!(
            grants[0][..4],
            ["grant id", "contact id", "contact name", "contact e-mail"]
        );
        let mut people: Vec<&str> = grants[1..].iter().map(|r| r[3].as_str()).collect();
        people.sort();
        assert_eq!(
            people,
            ["alice@example.com", "bob@example.com", "frank@example.com"]
        );
        assert!(grants[1..].iter().all(|r| r[7] == "Active"), "{grants:?}");
        s.back().await;
        s.by_role("table", "Lock memberships").await;

        // Cancel: with slow requests, the export stops and saves nothing.
        std::fs::remove_file(dir.path().join(&name)).unwrap();
        latency(s, 1500).await;
        s.click("button", "Export CSV").await;
        s.click("button", "Cancel export").await;
        s.wait_for_text("Export cancelled; no file was saved.")
            .await;
        latency(s, 0).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert!(
            !dir.path().join(&name).exists(),
            "a cancelled export saves nothing"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn importing_locks_previews_each_line_cancels_midway_and_reports_per_line() {
    support::run("bulk_import_locks", async |s| {
        // A second lock titled "Kitchen", and Reception already in the group.
        let twin = s
            .api_put(
                "/Owners/1/BoundLocks",
                json!({ "physicalLockId": "bulk-kitchen-2", "bindingCode": "1", "title": "Kitchen" }),
            )
            .await;
        let twin_id = twin["id"].as_str().unwrap().to_string();
        s.api_put(
            "/Owners/1/LockGroups/109/Memberships",
            json!({ "boundLockId": "2" }),
        )
        .await;
        let dir = tempfile::tempdir().unwrap();
        s.goto("/owners/1/lock-groups/109/members").await;
        s.wait_row("Reception", "Joining").await;
        download_to(s, dir.path()).await;

        s.click("button", "Import locks").await;
        s.by_role("dialog", "Import locks").await;
        // Nothing entered: said, nothing sent.
        s.click("button", "Preview").await;
        s.wait_for_text("Paste lock titles or ids, or choose a CSV file first.")
            .await;
        paste(
            s,
            "Lock titles or ids, one per line",
            &[
                "Lab",
                "Archive",
                "Main Entrance",
                "",
                "2",
                "Kitchen",
                "Nowhere",
                "main entrance",
                "server room",
                "10",
                "Garage",
                "Roof Access",
            ],
        )
        .await;
        s.click("button", "Preview").await;
        s.wait_for_text("Preview: 7 locks to add, 1 to pick, 4 skipped.")
            .await;
        let rows = table_rows(s, "Preview of the import").await;
        let expect = [
            "1 Lab Lab",
            "2 Archive Archive",
            "3 Main Entrance Main Entrance",
            "4 blank line, skipped",
            "5 2 Reception is already a member",
            "6 Kitchen two locks have this title: pick one",
            "7 Nowhere no such lock",
            "8 main entrance duplicate of line 3, skipped",
            "9 server room Server Room",
            "10 10 Parking Gate (by id)",
            "11 Garage Garage",
            "12 Roof Access Roof Access",
        ];
        for (row, want) in rows.iter().zip(expect) {
            assert!(row.starts_with(want), "{row:?} should start with {want:?}");
        }
        assert_eq!(rows.len(), expect.len());

        // The shared title: the admin picks the new Kitchen.
        let pick = s.by_role("combobox", "Lock for line 6").await;
        pick.select_by_value(&twin_id).await.unwrap();
        s.wait_for_text("Preview: 8 locks to add, 4 skipped.").await;

        // Slow requests, so Cancel lands in the middle.
        latency(s, 400).await;
        s.click("button", "Add 8 locks").await;
        s.wait_for_text("Adding… 3 of 8").await;
        s.click("button", "Cancel import").await;
        s.wait_for_text("not sent.").await;
        latency(s, 0).await;
        let rows = table_rows(s, "Results of the import").await;
        assert!(rows[0].contains(
            "this lock is already member of 8 groups and therefore cannot join another group"
        ));
        assert!(rows[1].contains("the lock's protocol version is too old"));
        assert!(rows[2].contains("added, waiting for the lock to sync"));
        assert!(rows[3].contains("not sent: blank line, skipped"));
        assert!(rows[11].contains("not sent: the import was cancelled"), "{rows:?}");
        let added = rows.iter().filter(|r| r.contains("added, waiting")).count();
        assert!((1..6).contains(&added), "cancelled midway: {rows:?}");

        // The results file: every line, with the server's text.
        s.click("button", "Download results (CSV)").await;
        let name = format!("import-locks-results-Visitors-{}.csv", today());
        let records = downloaded(dir.path(), &name).await;
        assert_eq!(records[0], ["line", "input", "lock id", "lock title", "result"]);
        assert_eq!(records.len(), 13);
        assert_eq!(
            records[1],
            [
                "1",
                "Lab",
                "12",
                "Lab",
                "this lock is already member of 8 groups and therefore cannot join another group"
            ]
        );
        assert_eq!(records[12][4], "not sent: the import was cancelled");

        // What was done stays, and the Members table shows it.
        s.click("button", "Close").await;
        s.wait_gone("dialog", "Import locks").await;
        s.wait_row("Main Entrance", "Joining").await;
        let members: Vec<Value> = s
            .api_get("/Owners/1/LockGroups/109/Memberships?$filter=leaveStartDate%20eq%20null")
            .await;
        assert_eq!(members.len(), 1 + added, "Reception and the added ones");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn importing_locks_reads_a_csv_column_with_commas_or_semicolons() {
    support::run("bulk_import_locks_file", async |s| {
        let files = tempfile::tempdir().unwrap();
        let bars = files.path().join("locks-bars.csv");
        std::fs::write(&bars, "id|title\n1|Main Entrance\n").unwrap();
        // As German Excel saves "CSV (Trennzeichen-getrennt)".
        let semicolons = files.path().join("locks-semicolons.csv");
        std::fs::write(&semicolons, "id;title\r\n1;Main Entrance\r\n").unwrap();
        let good = files.path().join("locks.csv");
        std::fs::write(
            &good,
            "\u{feff}id,title,notes\r\n99,Main Entrance,front\r\n98,\"Server Room\",\"a, b\"\r\n",
        )
        .unwrap();

        s.goto("/owners/1/lock-groups/109/members").await;
        s.wait_for_text("No locks yet").await;
        s.click("button", "Import locks").await;
        choose_file(s, "Or a CSV file", &bars).await;
        s.wait_for_text("Line 1: the columns are separated by vertical bars (|).")
            .await;
        s.click("button", "Preview").await;
        s.wait_for_text("Line 1: the columns are separated by vertical bars")
            .await;
        assert!(
            s.row_text("Main Entrance").await.is_none(),
            "nothing previewed"
        );

        choose_file(s, "Or a CSV file", &semicolons).await;
        s.wait_for_text("The file's columns are read as separated by semicolons (;).")
            .await;
        let column = s
            .by_role("combobox", "Column with the lock titles or ids")
            .await;
        assert_eq!(s.option_texts(&column).await, ["id", "title"]);
        column.select_by_value("1").await.unwrap();
        s.click("button", "Preview").await;
        s.wait_for_text("Preview: 1 lock to add.").await;
        assert_eq!(
            table_rows(s, "Preview of the import").await,
            ["2 Main Entrance Main Entrance"]
        );
        s.click("button", "Back").await;

        choose_file(s, "Or a CSV file", &good).await;
        s.wait_for_text("Using the file locks.csv.").await;
        // The "id" column is picked first; the ids name no lock here, so pick "title".
        let column = s
            .by_role("combobox", "Column with the lock titles or ids")
            .await;
        assert_eq!(s.option_texts(&column).await, ["id", "title", "notes"]);
        column.select_by_value("1").await.unwrap();
        s.click("button", "Preview").await;
        s.wait_for_text("Preview: 2 locks to add.").await;
        let rows = table_rows(s, "Preview of the import").await;
        assert_eq!(
            rows,
            ["2 Main Entrance Main Entrance", "3 Server Room Server Room"]
        );
        s.click("button", "Add 2 locks").await;
        s.wait_for_text("2 added, 0 refused, 0 not sent.").await;
        s.click("button", "Close").await;
        s.wait_row("Server Room", "Joining").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn importing_groups_flags_the_preview_then_creates_the_rest() {
    support::run("bulk_import_groups", async |s| {
        let files = tempfile::tempdir().unwrap();
        let binary = files.path().join("groups.xlsx");
        std::fs::write(&binary, b"PK\x03\x04\x14\x00\x00\x00binary").unwrap();
        let good = files.path().join("groups.csv");
        let long = "L".repeat(300);
        std::fs::write(
            &good,
            format!(
                "title,description\nNew Wing,East side\n,no title\nall staff,exists\n{long},\n\nNEW WING,again\n\"Quoted, \"\"Title\"\"\",\"two\nlines\"\n"
            ),
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        s.goto("/owners/1/lock-groups").await;
        s.by_role_prefix("table", "Lock groups").await;
        download_to(s, dir.path()).await;

        s.click("button", "Import groups").await;
        s.by_role("dialog", "Import lock groups").await;
        choose_file(s, "Or a CSV file", &binary).await;
        s.wait_for_text("Line 1: this is not a CSV text file (it holds binary data).")
            .await;

        choose_file(s, "Or a CSV file", &good).await;
        s.wait_for_text("Using the file groups.csv.").await;
        s.click("button", "Preview").await;
        s.wait_for_text("Preview: 2 to create, 5 skipped.").await;
        let rows = table_rows(s, "Preview of the import").await;
        let expect = [
            ("2 New Wing East side", "ready"),
            ("3 no title", "no title, skipped"),
            ("4 all staff exists", "a lock group with this title exists already"),
            ("5 LLLL", "title too long: 300 characters, at most 256"),
            ("6", "no title, skipped"),
            ("7 NEW WING again", "same title as line 2, skipped"),
            ("8 Quoted, \"Title\" two lines", "ready"),
        ];
        assert_eq!(rows.len(), expect.len(), "{rows:?}");
        for (row, (start, end)) in rows.iter().zip(expect) {
            assert!(row.starts_with(start) && row.ends_with(end), "{row:?}: {start:?} … {end:?}");
        }

        s.click("button", "Create 2 groups").await;
        s.wait_for_text("2 created, 0 refused, 5 not sent.").await;
        s.click("button", "Download results (CSV)").await;
        let name = format!("import-groups-results-Head-Office-{}.csv", today());
        let records = downloaded(dir.path(), &name).await;
        assert_eq!(records[0], ["line", "title", "description", "id", "result"]);
        assert_eq!(records.len(), 8);
        let quoted = &records[7];
        assert_eq!(quoted[1], "Quoted, \"Title\"");
        assert_eq!(quoted[4], "created");
        let created: Value = s
            .api_get(&format!("/Owners/1/LockGroups/{}", quoted[3]))
            .await;
        assert_eq!(created["title"], "Quoted, \"Title\"");
        assert_eq!(created["description"], "two\nlines");
        assert_eq!(records[3][4], "not sent: a lock group with this title exists already");

        s.click("button", "Close").await;
        s.wait_gone("dialog", "Import lock groups").await;
        s.wait_for_text("New Wing").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exporting_the_worklist_and_a_history_saves_what_the_page_shows() {
    support::run("bulk_export_locks_history", async |s| {
        let dir = tempfile::tempdir().unwrap();
        download_to(s, dir.path()).await;

        // The worklist: the eight demo locks that wait, as the API counts them.
        s.goto("/owners/1/locks?waiting=1").await;
        s.by_role_prefix("table", "8 locks wait for a sync").await;
        s.click("button", "Export CSV").await;
        let rows = downloaded(
            dir.path(),
            &format!("locks-waiting-for-sync-Head-Office-{}.csv", today()),
        )
        .await;
        assert_eq!(
            rows[0][..6],
            [
                "lock id",
                "title",
                "lock type",
                "groups active",
                "groups joining",
                "groups leaving"
            ]
        );
        let titles: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
        assert_eq!(
            titles,
            [
                "Bike Storage",
                "Garage",
                "Kitchen",
                "Main Entrance",
                "Meeting Room A",
                "Parking Gate",
                "Reception",
                "Roof Access"
            ]
        );
        let api: Vec<Value> = s
            .api_get("/Owners/1/BoundLocks?expand=membershipStatistics&$filter=title eq 'Kitchen'")
            .await;
        let kitchen = rows.iter().find(|r| r[1] == "Kitchen").unwrap();
        assert_eq!(kitchen[0], api[0]["id"].as_str().unwrap());
        assert_eq!(kitchen[3..6], ["1", "1", "1"]);
        assert_eq!(
            kitchen[9],
            api[0]["lastSeenRclUpdateDate"].as_str().unwrap(),
            "ISO 8601 UTC"
        );

        // A group's history, filtered to one kind of event.
        s.goto("/owners/1/lock-groups/104/history?kind=removed")
            .await;
        s.by_role_prefix("table", "Membership events").await;
        s.click("button", "Export CSV").await;
        let rows = downloaded(
            dir.path(),
            &format!("history-Cleaning-Crew-{}.csv", today()),
        )
        .await;
        assert_eq!(
            rows[0],
            [
                "time",
                "lock id",
                "lock title",
                "event",
                "waiting for the lock to sync",
                "membership id"
            ]
        );
        let events: Vec<(&str, &str, &str)> = rows[1..]
            .iter()
            .map(|r| (r[2].as_str(), r[3].as_str(), r[4].as_str()))
            .collect();
        // Kitchen's leave waits; Reception's earlier leave completed (it was re-added since).
        assert_eq!(
            events,
            [
                ("Kitchen", "removed", "yes"),
                ("Reception", "removed", "no")
            ]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_admin_exports_and_imports_in_german_with_german_excel_files() {
    support::run("bulk_german", async |s| {
        let english = support::german::english_only_words();
        let mut found = Vec::new();
        support::german::prefer_german(s).await;
        let dir = tempfile::tempdir().unwrap();
        s.goto("/owners/1/lock-groups").await;
        support::german::settled(s, "All Staff").await;
        download_to(s, dir.path()).await;

        // German Excel's separator by default, said beside the button.
        let separator = s
            .by_role("combobox", "Trennzeichen der exportierten CSV-Datei (UTF-8)")
            .await;
        assert_eq!(separator.prop("value").await.unwrap().as_deref(), Some("semicolon"));
        s.click("button", "CSV exportieren").await;
        let name = format!("schliessgruppen-Head-Office-{}.csv", today());
        s.wait_for_text(&format!("Zeilen nach {name} exportiert.")).await;
        let records = downloaded_with(dir.path(), &name, b';').await;
        assert_eq!(records[0][..3], ["ID", "Titel", "Beschreibung"]);
        assert!(records.iter().any(|r| r[1] == "All Staff"), "{records:?}");
        found.extend(support::german::english_left(s, &english, "after the export").await);

        // A file as German Excel saves it ("CSV UTF-8", semicolons, CRLF, byte-order mark,
        // German headers as the export writes them) imports as it is.
        let file = dir.path().join("gruppen.csv");
        std::fs::write(
            &file,
            "\u{FEFF}Titel;Beschreibung\r\nNeuer Flügel;\"Ostseite; 2. Stock\"\r\nAll Staff;gibt es schon\r\n",
        )
        .unwrap();
        s.click("button", "Gruppen importieren").await;
        s.by_role("dialog", "Schließgruppen importieren").await;
        found.extend(support::german::english_left(s, &english, "the import dialog").await);
        choose_file(s, "Oder eine CSV-Datei", &file).await;
        s.wait_for_text("Die Spalten der Datei werden als durch Semikolons (;) getrennt gelesen.")
            .await;
        s.click("button", "Vorschau").await;
        s.wait_for_text("Vorschau: 1 zum Anlegen, 1 übersprungen.").await;
        let rows = table_rows(s, "Vorschau des Imports, eine Zeile je Eingabezeile").await;
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert!(rows[0].starts_with("2 Neuer Flügel Ostseite; 2. Stock") && rows[0].ends_with("bereit"), "{rows:?}");
        assert!(rows[1].ends_with("eine Schließgruppe mit diesem Titel gibt es schon"), "{rows:?}");
        found.extend(support::german::english_left(s, &english, "the import's preview").await);

        s.click("button", "1 Gruppe anlegen").await;
        s.wait_for_text("1 angelegt, 0 abgelehnt, 1 nicht gesendet.").await;
        found.extend(support::german::english_left(s, &english, "the import's results").await);
        s.click("button", "Ergebnisse herunterladen (CSV)").await;
        let results = downloaded_with(
            dir.path(),
            &format!("gruppenimport-ergebnisse-Head-Office-{}.csv", today()),
            b';',
        )
        .await;
        assert_eq!(results[0], ["Zeile", "Titel", "Beschreibung", "ID", "Ergebnis"]);
        assert_eq!(results[1][4], "angelegt", "{results:?}");
        let created: Value = s
            .api_get(&format!("/Owners/1/LockGroups/{}", results[1][3]))
            .await;
        assert_eq!(created["title"], "Neuer Flügel");
        assert_eq!(created["description"], "Ostseite; 2. Stock");

        s.click("button", "Schließen").await;
        s.wait_gone("dialog", "Schließgruppen importieren").await;
        s.wait_for_text("Neuer Flügel").await;
        assert!(found.is_empty(), "English words of the console:\n{}", found.join("\n"));
    })
    .await;
}
