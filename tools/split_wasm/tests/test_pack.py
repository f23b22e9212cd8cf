import os
import unittest

from tools.split_wasm import pack
from tools.split_wasm.routes import Route


def concat(groups):
    """Packs as the pieces one after the other (the build merges them with wasm-merge)."""
    return [b"".join(members.values()) for members in groups]

ROUTES = [Route("a", ("/a",), ("page_a",), 1), Route("b", ("/b",), ("page_b",), 1)]


def noise(n, _seed):
    """Bytes gzip cannot shrink, so sizes are what the test says."""
    return os.urandom(n)


class Packing(unittest.TestCase):
    def test_every_piece_is_in_one_pack_at_its_offsets(self):
        pieces = {"pa": b"A" * 10, "pb": b"B" * 20, "shared": b"S" * 5, "dialog": b"D" * 3}
        needs = {"page_a": ["pa", "shared"], "page_b": ["pb", "shared"], "dialog": ["dialog"]}
        packs, where = pack.pack(pieces, needs, ROUTES, concat)
        self.assertEqual(set(where), set(pieces))
        for piece, name in where.items():
            self.assertIn(pieces[piece], packs[name])
        self.assertEqual(sum(len(d) for d in packs.values()), sum(len(p) for p in pieces.values()),
                         "no piece is duplicated")

    def test_code_no_first_screen_needs_waits_in_its_own_pack(self):
        pieces = {"pa": noise(50_000, 1), "dialog": b"D" * 3}
        packs, where = pack.pack(pieces, {"page_a": ["pa"], "page_b": [], "x": ["dialog"]}, ROUTES, concat)
        self.assertNotEqual(where["pa"], where["dialog"])
        self.assertEqual(pack.route_packs(["page_a"], {"page_a": ["pa"]}, where), [where["pa"]])

    def test_small_classes_merge_to_save_requests(self):
        # The shared piece and each page's own are tiny: one request each costs more than
        # downloading the other page's few bytes.
        pieces = {"pa": b"A" * 10, "pb": b"B" * 10, "shared": b"S" * 10}
        needs = {"page_a": ["pa", "shared"], "page_b": ["pb", "shared"]}
        packs, where = pack.pack(pieces, needs, ROUTES, concat)
        self.assertEqual(len(packs), 1)

    def test_large_classes_stay_apart(self):
        pieces = {"pa": noise(60_000, 1), "pb": noise(60_000, 2), "shared": noise(60_000, 3)}
        needs = {"page_a": ["pa", "shared"], "page_b": ["pb", "shared"]}
        packs, where = pack.pack(pieces, needs, ROUTES, concat)
        self.assertEqual(len(packs), 3)
        self.assertEqual(len(pack.route_packs(["page_a"], needs, where)), 2)

    def test_names_follow_content(self):
        self.assertEqual(pack.content_name("pieces", b"x", ".wasm"), pack.content_name("pieces", b"x", ".wasm"))
        self.assertNotEqual(pack.content_name("pieces", b"x", ".wasm"), pack.content_name("pieces", b"y", ".wasm"))


if __name__ == "__main__":
    unittest.main()
