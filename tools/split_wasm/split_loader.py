"""Reads and rewrites `__wasm_split.js`, the pieces' loader wasm-split-cli writes."""
import re


class UnexpectedLoader(Exception):
    """wasm-split-cli's output is not what this tool knows how to rewrite."""


CHUNK = re.compile(r'const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"')
SPLIT = re.compile(r"export const __wasm_split_load_(\w+) = (.*?)(?=\nexport const |\n/\*|\Z)", re.S)
FETCHER = re.compile(r'\(\) => \{\s*const src = __piece\("([^"]+)"\);\s*src\.catch\(\(\) => \{\}\);\s*'
                     r'return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\s*\}\s*,')


def needs(loader: str) -> dict:
    """{split point: the wasm files it fetches (its own and the shared chunks it waits for)}."""
    chunk_files = dict(CHUNK.findall(loader))
    found = {}
    for m in SPLIT.finditer(loader):
        own = re.findall(r'new URL\("\./([^"]+)"', m.group(2))
        deps = re.findall(r"__chunk_\d+", m.group(2).rsplit("[", 1)[-1])
        found[m.group(1)] = own + [chunk_files[d] for d in deps]
    return found


def rewrite(loader: str, renamed: dict) -> str:
    """Fetches each piece through the piece loader (`__fetcher`, out of its pack) instead of
    from its own file; one line per piece instead of wasm-split's six, without its comments
    (with over a hundred pieces the loader would otherwise outweigh some pieces).
    `renamed`: {wasm-split's file name: the piece's name inside its pack}."""
    for old, new in renamed.items():
        loader = loader.replace(f'fetch(new URL("./{old}", import.meta.url))', f'__piece("{new}")')
    if "fetch(new URL(" in loader:
        raise UnexpectedLoader("a piece of the loader is not in a pack")
    loader = re.sub(r"^/\*.*\*/\n", "", loader, flags=re.M)
    loader = FETCHER.sub(lambda m: f'__fetcher("{m.group(1)}"),', loader)
    if "WebAssembly.instantiateStreaming(src, imports)" in loader:
        raise UnexpectedLoader("a piece's fetcher was not recognised")
    return loader
