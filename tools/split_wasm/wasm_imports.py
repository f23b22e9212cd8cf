"""Reads what a wasm module imports (its import section), so the pieces of one pack can be
merged into a module that imports the shared memory, table and globals once."""
import dataclasses


@dataclasses.dataclass(frozen=True)
class Import:
    module: str
    name: str
    kind: str  # "func", "table", "memory", "global"
    detail: tuple  # table: (min, max); memory: (min, max); global: (valtype, mutable); func: (type,)


def _leb(data: bytes, at: int):
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def _name(data: bytes, at: int):
    n, at = _leb(data, at)
    return data[at:at + n].decode("utf-8"), at + n


def _limits(data: bytes, at: int):
    flags, at = _leb(data, at)
    low, at = _leb(data, at)
    high = None
    if flags & 1:
        high, at = _leb(data, at)
    return (low, high), at


def imports(data: bytes) -> list:
    """The module's imports, in order."""
    if data[:4] != b"\0asm":
        raise ValueError("not a wasm module")
    at, found = 8, []
    while at < len(data):
        section, at = data[at], at + 1
        size, at = _leb(data, at)
        end = at + size
        if section == 2:
            count, at = _leb(data, at)
            for _ in range(count):
                module, at = _name(data, at)
                name, at = _name(data, at)
                kind, at = data[at], at + 1
                if kind == 0:
                    t, at = _leb(data, at)
                    found.append(Import(module, name, "func", (t,)))
                elif kind == 1:
                    ref, at = data[at], at + 1
                    limits, at = _limits(data, at)
                    found.append(Import(module, name, "table", limits + ({0x70: "funcref", 0x6F: "externref"}[ref],)))
                elif kind == 2:
                    limits, at = _limits(data, at)
                    found.append(Import(module, name, "memory", limits))
                elif kind == 3:
                    valtype, mutable = data[at], data[at + 1]
                    at += 2
                    found.append(Import(module, name, "global", ({0x7F: "i32", 0x7E: "i64", 0x7D: "f32", 0x7C: "f64"}[valtype], bool(mutable))))
                else:
                    raise ValueError(f"import kind {kind} not known")
            return found
        at = end
    return found


SHARED = "split_shared"  # the namespace a merged pack imports the shared memory, table and globals from


def host_module(found: list) -> str:
    """The WAT of a module named like the pieces' import module that imports each of their
    imports once (from SHARED) and exports it under the name they import. Merged first,
    it makes wasm-merge link every piece's import to the one import, instead of keeping
    one memory import per piece. Limits: the largest minimum any piece declares."""
    merged = {}
    for imp in found:
        if imp.kind == "func":
            raise ValueError(f"a piece imports function {imp.module}.{imp.name}: merging needs its type")
        key = (imp.module, imp.name)
        old = merged.get(key)
        if old is not None and old.kind != imp.kind:
            raise ValueError(f"{imp.module}.{imp.name} is imported as a {old.kind} and a {imp.kind}")
        if old is None or (imp.kind in ("table", "memory") and imp.detail[0] > old.detail[0]):
            merged[key] = imp
    lines = ["(module"]
    for n, imp in enumerate(merged.values()):
        if imp.kind == "memory":
            low, high = imp.detail
            what = f"(memory $i{n} {low}{'' if high is None else f' {high}'})"
        elif imp.kind == "table":
            low, high, ref = imp.detail
            what = f"(table $i{n} {low}{'' if high is None else f' {high}'} {ref})"
        else:
            valtype, mutable = imp.detail
            what = f"(global $i{n} {f'(mut {valtype})' if mutable else valtype})"
        lines.append(f' (import "{SHARED}" "{imp.name}" {what})')
        lines.append(f' (export "{imp.name}" ({imp.kind} $i{n}))')
    return "\n".join(lines + [")"]) + "\n"
