import json
import pathlib
import shutil
import subprocess
import unittest

from tools.split_wasm import scripts, split_loader

LOADER = (pathlib.Path(__file__).resolve().parent / "fixture" / "__wasm_split.js").read_text()
RENAMED = {"chunk_2_page_a_page_b.wasm": "chunk_2", "split_page_a.wasm": "split_a",
           "split_page_b.wasm": "split_b", "split_dialog.wasm": "split_dialog"}


class SplitLoader(unittest.TestCase):
    def test_each_split_point_needs_its_piece_and_its_chunks(self):
        self.assertEqual(split_loader.needs(LOADER), {
            "page_b": ["split_page_b.wasm", "chunk_2_page_a_page_b.wasm"],
            "page_a": ["split_page_a.wasm", "chunk_2_page_a_page_b.wasm"],
            "dialog": ["split_dialog.wasm"],
        })

    def test_every_fetch_goes_through_the_packs(self):
        rewritten = split_loader.rewrite(LOADER, RENAMED)
        self.assertNotIn("fetch(", rewritten)
        self.assertNotIn("/*", rewritten)
        for name in RENAMED.values():
            self.assertIn(f'__fetcher("{name}"),', rewritten)

    def test_a_piece_not_in_a_pack_is_refused(self):
        with self.assertRaises(split_loader.UnexpectedLoader):
            split_loader.rewrite(LOADER, {"split_page_a.wasm": "split_a"})

    def test_the_loader_module_starts_with_the_matcher_and_the_pack_fetcher(self):
        module = scripts.piece_loader({"split_a": "pieces-1.wasm"}, [["^$", ["pieces-1.wasm"]]],
                                      "/", split_loader.rewrite(LOADER, RENAMED))
        self.assertLess(module.index("function matchRoute"), module.index("function __compile"))
        self.assertNotIn("__WHERE__", module)
        self.assertNotIn("__ROUTES__", module)
        self.assertNotIn("__BASE_LEN__", module)


if __name__ == "__main__":
    unittest.main()


@unittest.skipUnless(shutil.which("node"), "node runs the piece loader")
class PieceLoaderInJavaScript(unittest.TestCase):
    HARNESS = """
        let online = true, requests = 0, compiled = 0, instantiated = [];
        globalThis.location = { pathname: "/" };
        globalThis.fetch = async (url) => {
            requests++;
            if (!online) throw new TypeError("Failed to fetch");
            return { ok: true, headers: { get: () => "application/wasm" }, arrayBuffer: async () => new ArrayBuffer(4) };
        };
        globalThis.WebAssembly = {
            compile: async () => { compiled++; return "module"; },
            compileStreaming: async () => { compiled++; return "streamed module"; },
            instantiate: async (m, imports) => { instantiated.push([m, Object.keys(imports)]); return {}; },
        };
    """

    def run_loader(self, where, script):
        module = scripts.piece_loader(where, [], "/", "").replace("import.meta.url", '"http://x/"')
        out = subprocess.run(["node", "-e", self.HARNESS + module + "(async () => {" + script + "})();"],
                             capture_output=True, text=True, check=True)
        return json.loads(out.stdout)

    def test_a_failed_download_is_asked_for_again_on_the_next_use(self):
        self.assertEqual(self.run_loader({"split_a": "pieces-1.wasm"}, """
            online = false;
            const first = await __fetcher("split_a")()({}).then(() => "loaded", () => "failed");
            online = true;
            const second = await __fetcher("split_a")()({}).then(() => "loaded", () => "failed");
            console.log(JSON.stringify([first, second, requests]));
        """), ["failed", "loaded", 2])

    def test_a_pack_is_fetched_compiled_and_instantiated_once_for_all_its_pieces(self):
        self.assertEqual(self.run_loader({"chunk_1": "pieces-1.wasm", "split_a": "pieces-1.wasm"}, """
            const shared = { __wasm_split: { memory: 1 } };
            await Promise.all([__fetcher("chunk_1")()(shared), __fetcher("split_a")()(shared)]);
            await __fetcher("split_a")()(shared);
            console.log(JSON.stringify([requests, compiled, instantiated]));
        """), [1, 1, [["streamed module", ["split_shared"]]]])


class ShippedScripts(unittest.TestCase):
    def test_no_comment_and_no_placeholder_reaches_the_browser(self):
        for script in (scripts.route_preload([["^$", ["p.wasm"]]], "/"),
                       scripts.piece_loader({"a": "p.wasm"}, [["^$", ["p.wasm"]]], "/", "")):
            self.assertNotIn("//", script.replace("://", ""))
            for token in ("__ROUTES__", "__WHERE__", "__BASE__", "__BASE_LEN__"):
                self.assertNotIn(token, script)
