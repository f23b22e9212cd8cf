import json
import pathlib
import re
import shutil
import subprocess
import unittest

from tools.split_wasm import routes, scripts

FIXTURE = pathlib.Path(__file__).resolve().parent / "fixture"
TABLE = routes.load(FIXTURE / "routes.json")


class RouteTable(unittest.TestCase):
    def test_a_tab_path_is_below_its_parent(self):
        self.assertEqual(TABLE[2].paths, ("/owners/:owner/things/:id/tab",))

    def test_the_console_table_reads(self):
        table = routes.load(pathlib.Path(__file__).resolve().parents[3] / "src/pages/routes.json")
        self.assertIn("list", [r.name for r in table])
        self.assertTrue(all(r.splits and r.ceiling_kb > 0 for r in table))

    def test_patterns_match_whole_paths_only(self):
        a, b, tab = (re.compile(routes.pattern(r)) for r in TABLE)
        self.assertTrue(a.match("") and a.match("owners/1/things") and a.match("owners/1/things/"))
        self.assertFalse(a.match("owners/1/things/7"))
        self.assertTrue(b.match("owners/1/things/7") and not b.match("owners/1/things/7/tab"))
        self.assertTrue(tab.match("owners/1/things/7/tab"))
        self.assertFalse(a.match("owners/1/other"))


@unittest.skipUnless(shutil.which("node"), "node runs the route matcher")
class RouteMatcherInJavaScript(unittest.TestCase):
    """The route preload script itself, run by node with a stand-in document."""

    def preloads(self, path):
        table = [[routes.pattern(r), [f"pieces-{r.name}.wasm"]] for r in TABLE]
        script = scripts.route_preload(table, "/app/")
        harness = f"""
            const added = [];
            globalThis.location = {{ pathname: {json.dumps(path)} }};
            globalThis.document = {{
                createElement: () => ({{}}),
                head: {{ append: (link) => added.push(link) }},
            }};
            {script}
            console.log(JSON.stringify(added));
        """
        out = subprocess.run(["node", "-e", harness], capture_output=True, text=True, check=True)
        return json.loads(out.stdout)

    def test_a_page_preloads_its_packs_below_the_public_url(self):
        [link] = self.preloads("/app/owners/1/things/7/tab")
        self.assertEqual(link["href"], "/app/pieces-b_tab.wasm")
        self.assertEqual((link["rel"], link["as"], link["crossOrigin"]), ("preload", "fetch", "anonymous"))

    def test_the_root_is_the_first_route(self):
        self.assertEqual([l["href"] for l in self.preloads("/app/")], ["/app/pieces-a.wasm"])

    def test_an_unknown_path_preloads_nothing(self):
        self.assertEqual(self.preloads("/app/nowhere"), [])


if __name__ == "__main__":
    unittest.main()
