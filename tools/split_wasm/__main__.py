"""`python3 -m tools.split_wasm [STAGING_DIR [release|debug]]`: Trunk's post-build hook
(scripts/post-build). The steps, in order:
  1. wasm-split-cli cuts the linked wasm (built with --emit-relocs, .cargo/config.toml) at
     the split points: the main module, one piece per split point, shared chunks, and
     `__wasm_split.js`, the pieces' loader;
  2. wasm-bindgen turns the main module into Trunk's JS + wasm pair, under Trunk's names;
  3. wasm-opt -Oz on every piece, in parallel;
  4. the pieces are grouped into content-named packs (pack.py), each pack's pieces merged
     into one module (wasm-merge, tools.merge), the loader rewritten to fetch, compile and
     instantiate each pack once (split_loader.py, js/piece_loader.js);
  5. index.html: the SRI hashes of the replaced files, a modulepreload of the loader, and
     the route preloads (js/route_preload.js), first in the page, so a cold load of a page
     downloads that page's packs beside the main wasm;
  6. split-manifest.json (read by scripts/size-report and tests/e2e_split.rs): the files
     each entry route loads.
"""
import concurrent.futures
import dataclasses
import json
import os
import pathlib
import sys
import tempfile

from . import page, pack, routes, scripts, split_loader, tools, wasm_imports

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent


@dataclasses.dataclass(frozen=True)
class Settings:
    staging: pathlib.Path
    profile: str
    raw: pathlib.Path  # cargo's wasm
    base: str  # the public URL, ending in "/"
    table: pathlib.Path  # src/pages/routes.json


def settings(argv, env) -> Settings:
    """From the arguments, else Trunk's environment."""
    staging = pathlib.Path(argv[0] if argv else env["TRUNK_STAGING_DIR"])
    profile = argv[1] if len(argv) > 1 else env.get("TRUNK_PROFILE", "release")
    source = pathlib.Path(env.get("TRUNK_SOURCE_DIR", ROOT))
    target = pathlib.Path(env.get("CARGO_TARGET_DIR", source / "target"))
    base = env.get("TRUNK_PUBLIC_URL", "/")
    base += "" if base.endswith("/") else "/"
    raw = target / "wasm32-unknown-unknown" / profile / "lock-groups-admin.wasm"
    return Settings(staging, profile, raw, base, source / "src" / "pages" / "routes.json")


def trunk_stem(staging: pathlib.Path) -> str:
    """`lock-groups-admin-<trunk hash>`, the name Trunk gave its JS + wasm pair."""
    found = list(staging.glob("lock-groups-admin-*.js"))
    if len(found) != 1:
        sys.exit(f"split-wasm: expected one lock-groups-admin-*.js from Trunk in {staging}, found {found}")
    return found[0].stem


def optimise_all(files, profile):
    """{file: its optimised bytes}; wasm-opt runs on every core (the main module is the longest)."""
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        return dict(zip(files, pool.map(lambda f: tools.optimise(f, profile), files)))


def merge_all(groups, work: pathlib.Path):
    """Each pack's pieces ([{name: bytes}]) merged into one module (tools.merge), on every
    core."""
    found = [i for members in groups for data in members.values() for i in wasm_imports.imports(data)]
    modules = sorted({i.module for i in found})
    if len(modules) != 1:
        sys.exit(f"split-wasm: the pieces import from {modules}; merging expects one module")
    host = wasm_imports.host_module(found)

    def merge(n):
        return tools.merge(groups[n], host, modules[0], work / str(n))

    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        return list(pool.map(merge, range(len(groups))))


def check_splits(table, needs):
    for route in table:
        for split in route.splits:
            if split not in needs:
                sys.exit(f"split-wasm: route {route.name} names split point {split}, which the "
                         f"wasm does not have (it has {sorted(needs)})")


def build(s: Settings, tmp: pathlib.Path):
    table = routes.load(s.table)
    stem = trunk_stem(s.staging)
    parts, bound = tmp / "split", tmp / "bound"
    tools.split(s.raw, parts, stem)
    tools.bind(parts / f"{stem}.wasm", bound, stem)
    main_file = bound / f"{stem}_bg.wasm"
    piece_files = sorted(p for p in parts.glob("*.wasm") if p.stem != stem)
    optimised = optimise_all([main_file] + piece_files, s.profile)
    main_wasm = optimised.pop(main_file)

    loader = (parts / "__wasm_split.js").read_text(encoding="utf-8")
    renamed = {f.name: f.stem for f in piece_files}  # a piece's name inside its pack
    needs = split_loader.needs(loader)
    check_splits(table, needs)
    needs = {split: [renamed[f] for f in files] for split, files in needs.items()}
    pieces = {renamed[f.name]: data for f, data in optimised.items()}
    packs, where = pack.pack(pieces, needs, table, lambda groups: merge_all(groups, tmp / "merge"))
    for name, data in packs.items():
        (s.staging / name).write_bytes(data)

    route_table = [[routes.pattern(r), pack.route_packs(r.splits, needs, where)] for r in table]
    loader_js = scripts.piece_loader(where, route_table, s.base,
                                     split_loader.rewrite(loader, renamed)).encode("utf-8")
    loader_name = pack.content_name("split-loader", loader_js, ".js")
    (s.staging / loader_name).write_bytes(loader_js)

    main_js = (bound / f"{stem}.js").read_text(encoding="utf-8")
    if 'from "./__wasm_split.js"' not in main_js:
        sys.exit("split-wasm: wasm-bindgen's output does not import ./__wasm_split.js")
    # The module it imports is renamed; the wasm's import names stay as they are.
    main_js = main_js.replace('from "./__wasm_split.js"', f'from "./{loader_name}"').encode("utf-8")
    (s.staging / f"{stem}.js").write_bytes(main_js)
    (s.staging / f"{stem}_bg.wasm").write_bytes(main_wasm)

    preload_js = scripts.route_preload(route_table, s.base).encode("utf-8")
    preload_name = pack.content_name("routes", preload_js, ".js")
    (s.staging / preload_name).write_bytes(preload_js)

    index = s.staging / "index.html"
    html = index.read_text(encoding="utf-8")
    html = page.replace_integrity(html, s.base + f"{stem}.js", main_js)
    html = page.replace_integrity(html, s.base + f"{stem}_bg.wasm", main_wasm)
    html = page.add_modulepreload(html, s.base + loader_name, loader_js)
    html = page.add_first_script(html, s.base + preload_name, preload_js)
    index.write_text(html, encoding="utf-8")

    manifest = {
        "main": [f"{stem}.js", f"{stem}_bg.wasm", loader_name, preload_name],
        "routes": {r.name: packs_of for r, (_, packs_of) in zip(table, route_table)},
        "packs": sorted(packs),
    }
    (s.staging / "split-manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def main(argv=None) -> int:
    s = settings(sys.argv[1:] if argv is None else argv, os.environ)
    if not s.raw.is_file():
        sys.exit(f"split-wasm: no cargo output at {s.raw}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            build(s, pathlib.Path(tmp))
    except (tools.ToolFailed, split_loader.UnexpectedLoader, page.MissingTag) as e:
        sys.exit(f"split-wasm: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
