//! The example deployment, for real: Debian's nginx binary running `deploy/nginx/lock-groups-admin.conf`
//! as a normal user, on a free port, serving a copy of `dist/` with a `config.json` of the
//! test's choosing. Only what a machine-specific install changes is templated: the listen
//! port, the root folder and the API/sign-in origins of the CSP (plus, for the browser
//! tests, a `report-uri` so violations reach the sandbox). Everything else (fallback,
//! caching, compression, headers) is the file as shipped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The example server configuration, as shipped.
pub const SITE: &str = include_str!("../../deploy/nginx/lock-groups-admin.conf");
/// The connect-src origins the shipped file names (the real service).
pub const SHIPPED_ORIGINS: &str = "https://my.tapkey.com https://login.tapkey.com";

/// Debian's nginx (`scripts/setup --browser` installs it), or `$NGINX`.
fn binary() -> PathBuf {
    if let Some(p) = std::env::var_os("NGINX") {
        return PathBuf::from(p);
    }
    for p in ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"] {
        if Path::new(p).exists() {
            return PathBuf::from(p);
        }
    }
    panic!(
        "nginx is not installed, so the example deployment cannot be tested: run \
         `scripts/setup --browser` (apt-get install nginx libnginx-mod-http-brotli-static), \
         or set NGINX=/path/to/nginx"
    );
}

/// A running nginx; killed when dropped.
pub struct Nginx {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Nginx {
    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The configuration as templated for this run.
    pub fn site(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("site.conf")).unwrap()
    }

    /// Starts nginx on `port` serving `root`, with `connect_origins` in place of the shipped
    /// API and sign-in origins, and `report_uri` added to the CSP when given.
    pub fn start(port: u16, root: &Path, connect_origins: &str, report_uri: Option<&str>) -> Nginx {
        let nginx = binary();
        let dir = tempfile::tempdir().unwrap();
        let mut site = replace_once(SITE, "listen 80;", &format!("listen 127.0.0.1:{port};"));
        site = replace_once(
            &site,
            "root /var/www/lock-groups-admin;",
            &format!("root {};", root.display()),
        );
        site = replace_once(&site, SHIPPED_ORIGINS, connect_origins);
        if let Some(uri) = report_uri {
            site = replace_once(
                &site,
                "frame-ancestors 'none'\"",
                &format!("frame-ancestors 'none'; report-uri {uri}\""),
            );
        }
        std::fs::write(dir.path().join("site.conf"), &site).unwrap();
        // Debian's own nginx.conf, reduced to what a user without root can run: files in
        // the temp folder, one process in the foreground, the brotli module loaded by path.
        let d = dir.path().display();
        let brotli = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";
        let load = if Path::new(brotli).exists() {
            format!("load_module {brotli};")
        } else {
            String::new()
        };
        let main = format!(
            "daemon off;
master_process off;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
{load}
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {d}/access.log;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    include {d}/site.conf;
}}
"
        );
        std::fs::write(dir.path().join("nginx.conf"), main).unwrap();
        let err = |what: &str| format!("{what} (nginx: {})", nginx.display());
        let log = std::fs::File::create(dir.path().join("stderr.log")).unwrap();
        let mut child = Command::new(&nginx)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(dir.path().join("nginx.conf"))
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", err("nginx does not start")));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            let logs = || {
                ["stderr.log", "error.log"]
                    .iter()
                    .map(|f| std::fs::read_to_string(dir.path().join(f)).unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            if let Ok(Some(status)) = child.try_wait() {
                panic!("{}:\n{}", err(&format!("nginx stopped ({status})")), logs());
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("{}:\n{}", err("nginx did not listen within 10 s"), logs());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Nginx { child, port, dir }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "deploy/nginx/lock-groups-admin.conf should contain {from:?} exactly once \
         (the tests template it)"
    );
    text.replace(from, to)
}

/// A copy of `dist/` (the release build, compressed copies included) with `config` as its
/// `config.json`, readable by everyone.
pub fn console_root(config: &str) -> tempfile::TempDir {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").exists(),
        "dist/index.html is missing: build the console first (`trunk build --release`, \
         then `scripts/compress-dist`)"
    );
    let root = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&dist).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), root.path().join(entry.file_name())).unwrap();
        }
    }
    std::fs::write(root.path().join("config.json"), config).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    root
}
