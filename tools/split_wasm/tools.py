"""The external tools, each run with its output captured: shown only when it fails, so a
build that works stays quiet (wasm-opt alone prints hundreds of warnings about the
pieces' name sections)."""
import pathlib
import subprocess
import sys

WASM_OPT_FEATURES = [
    "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
    "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
]


class ToolFailed(Exception):
    pass


def run(*command):
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise ToolFailed(f"{command[0]} failed with exit code {done.returncode}")


def split(raw: pathlib.Path, out: pathlib.Path, stem: str):
    """wasm-split-cli: the main module, one piece per split point and the shared chunks,
    plus `__wasm_split.js`, the loader of the pieces."""
    run("wasm-split-cli", raw, out, "--target", "web", "--out-name", stem)


def bind(main: pathlib.Path, out: pathlib.Path, stem: str):
    """wasm-bindgen on the main module (--keep-lld-exports: the pieces link against the
    main module's exports)."""
    run("wasm-bindgen", main, "--out-dir", out, "--target", "web", "--no-typescript",
        "--keep-lld-exports", "--out-name", stem)


def optimise(path: pathlib.Path, profile: str) -> bytes:
    """wasm-opt -Oz in place (release only); returns the result."""
    if profile == "release":
        run("wasm-opt", "-Oz", *WASM_OPT_FEATURES, path, "-o", path)
    return path.read_bytes()


def merge(pieces: dict, host_wat: str, host_name: str, work: pathlib.Path) -> bytes:
    """binaryen's wasm-merge: the pieces ({name: bytes}) of one pack as one module, so a
    page compiles and instantiates one module per pack instead of one per piece. The host
    module (`host_wat`, named `host_name`, the pieces' import module) comes first, so the
    pieces' imports all link to its single imports."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "host.wat").write_text(host_wat, encoding="utf-8")
    run("wasm-as", *WASM_OPT_FEATURES, work / "host.wat", "-o", work / "host.wasm")
    args = [work / "host.wasm", host_name]
    for name, data in pieces.items():
        (work / f"{name}.wasm").write_bytes(data)
        args += [work / f"{name}.wasm", name]
    run("wasm-merge", *args, *WASM_OPT_FEATURES, "-o", work / "merged.wasm")
    return (work / "merged.wasm").read_bytes()
