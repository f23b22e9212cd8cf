import shutil
import subprocess
import tempfile
import pathlib
import unittest

from tools.split_wasm import tools, wasm_imports


def name(text):
    return bytes([len(text)]) + text.encode()


def module_importing(*entries):
    """A wasm module whose only section imports `entries` (already encoded)."""
    body = bytes([len(entries)]) + b"".join(entries)
    return b"\0asm\1\0\0\0" + bytes([2, len(body)]) + body


MEMORY = name("__wasm_split") + name("memory") + bytes([2, 0, 19])
TABLE = name("__wasm_split") + name("__indirect_function_table") + bytes([1, 0x70, 0, 0xE0, 0x2B])  # 5600
STACK = name("__wasm_split") + name("__wasm_split_shared0") + bytes([3, 0x7F, 1])


class Imports(unittest.TestCase):
    def test_reads_what_a_piece_imports(self):
        found = wasm_imports.imports(module_importing(MEMORY, TABLE, STACK))
        self.assertEqual([(i.name, i.kind, i.detail) for i in found], [
            ("memory", "memory", (19, None)),
            ("__indirect_function_table", "table", (5600, None, "funcref")),
            ("__wasm_split_shared0", "global", ("i32", True)),
        ])

    def test_the_host_imports_each_shared_thing_once_with_the_largest_minimum(self):
        bigger = name("__wasm_split") + name("memory") + bytes([2, 0, 20])
        found = wasm_imports.imports(module_importing(MEMORY, TABLE)) + wasm_imports.imports(
            module_importing(bigger, STACK))
        host = wasm_imports.host_module(found)
        self.assertEqual(host.count("(import "), 3)
        self.assertIn('(import "split_shared" "memory" (memory $i0 20))', host)
        self.assertIn('(export "__wasm_split_shared0" (global $i2))', host)

    def test_a_function_import_is_refused(self):
        func = name("__wasm_split") + name("f") + bytes([0, 0])
        with self.assertRaises(ValueError):
            wasm_imports.host_module(wasm_imports.imports(module_importing(func)))


@unittest.skipUnless(shutil.which("wasm-merge") and shutil.which("wasm-as"), "binaryen merges the pieces")
class Merge(unittest.TestCase):
    def test_two_pieces_become_one_module_with_one_memory(self):
        piece = """(module (import "__wasm_split" "memory" (memory 1))
                    (import "__wasm_split" "__indirect_function_table" (table 4 funcref))
                    (data (i32.const %d) "x") (func $f (result i32) (i32.const %d)) (elem (i32.const %d) $f))"""
        with tempfile.TemporaryDirectory() as tmp:
            work = pathlib.Path(tmp)
            pieces = {}
            for n in (1, 2):
                (work / f"p{n}.wat").write_text(piece % (n * 8, n, n))
                tools.run("wasm-as", *tools.WASM_OPT_FEATURES, work / f"p{n}.wat", "-o", work / f"p{n}.wasm")
                pieces[f"p{n}"] = (work / f"p{n}.wasm").read_bytes()
            found = [i for d in pieces.values() for i in wasm_imports.imports(d)]
            merged = tools.merge(pieces, wasm_imports.host_module(found), "__wasm_split", work / "m")
            self.assertEqual(sorted((i.module, i.name) for i in wasm_imports.imports(merged)),
                             [("split_shared", "__indirect_function_table"), ("split_shared", "memory")])
            (work / "merged.wasm").write_bytes(merged)
            text = subprocess.run(["wasm-dis", work / "merged.wasm"], capture_output=True, check=True).stdout.decode()
            self.assertEqual(text.count("(elem "), 2)
            self.assertEqual(text.count("(data "), 2)


if __name__ == "__main__":
    unittest.main()
