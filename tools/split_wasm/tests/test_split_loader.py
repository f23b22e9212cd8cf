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
        module = scripts.piece_loader({"split_a": ["pieces-1.wasm", 0, 10]}, [["^$", ["pieces-1.wasm"]]],
                                      "/", split_loader.rewrite(LOADER, RENAMED))
        self.assertLess(module.index("function matchRoute"), module.index("function __pack"))
        self.assertNotIn("__WHERE__", module)
        self.assertNotIn("__ROUTES__", module)
        self.assertNotIn("__BASE_LEN__", module)


if __name__ == "__main__":
    unittest.main()


@unittest.skipUnless(shutil.which("node"), "node runs the piece loader")
class PieceLoaderInJavaScript(unittest.TestCase):
    def test_a_failed_download_is_asked_for_again_on_the_next_use(self):
        module = scripts.piece_loader({"split_a": ["pieces-1.wasm", 0, 4]}, [], "/", "")
        harness = """
            let online = false, requests = 0;
            globalThis.location = { pathname: "/" };
            globalThis.fetch = async () => {
                requests++;
                if (!online) throw new TypeError("Failed to fetch");
                return { ok: true, arrayBuffer: async () => new ArrayBuffer(4) };
            };
            globalThis.WebAssembly = { compile: async () => "module", instantiate: async (m) => m };
        """ + module.replace("import.meta.url", '"http://x/"') + """
            (async () => {
                const first = await __fetcher("split_a")()({}).then(() => "loaded", () => "failed");
                online = true;
                const second = await __fetcher("split_a")()({}).then(() => "loaded", () => "failed");
                console.log(JSON.stringify([first, second, requests]));
            })();
        """
        out = subprocess.run(["node", "-e", harness], capture_output=True, text=True, check=True)
        self.assertEqual(json.loads(out.stdout), ["failed", "loaded", 2])


class ShippedScripts(unittest.TestCase):
    def test_no_comment_and_no_placeholder_reaches_the_browser(self):
        for script in (scripts.route_preload([["^$", ["p.wasm"]]], "/"),
                       scripts.piece_loader({"a": ["p.wasm", 0, 1]}, [["^$", ["p.wasm"]]], "/", "")):
            self.assertNotIn("//", script.replace("://", ""))
            for token in ("__ROUTES__", "__WHERE__", "__BASE__", "__BASE_LEN__"):
                self.assertNotIn(token, script)
