"""The two scripts the split build adds to the page, from the JS files beside this one."""
import json
import pathlib

JS = pathlib.Path(__file__).resolve().parent / "js"


def _read(name: str) -> str:
    """A JS file without its comment lines: they explain the source, and every page
    would download them."""
    lines = (JS / name).read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.lstrip().startswith("//"))


def route_preload(table, base: str) -> str:
    """The classic script that preloads the current page's packs. `table`: [[pattern, packs]]."""
    body = (_read("route_preload.js").replace("__ROUTES__", json.dumps(table))
            .replace("__BASE__", json.dumps(base)))
    return _read("route_match.js") + body


def piece_loader(where, table, base: str, split_loader: str) -> str:
    """The pieces' loader module: the pack fetcher, then wasm-split's rewritten loader."""
    body = (_read("piece_loader.js").replace("__WHERE__", json.dumps(where))
            .replace("__ROUTES__", json.dumps(table))
            .replace("__BASE_LEN__", str(len(base))))
    return _read("route_match.js") + body + split_loader
