"""Groups the pieces of the split wasm into packs: one request fetches a pack, and one module
holds its pieces, however many there are."""
import gzip
import hashlib

# What one more request on a first screen is worth, in bytes of gzip download (measured
# earlier: keeping classes of under 4 KB apart saved under 1 KB and added 5 requests).
REQUEST_COST = 4096


def content_name(stem: str, data: bytes, suffix: str) -> str:
    """A file name after its content, so every file can be cached as immutable."""
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:16]}{suffix}"


def routes_of_pieces(pieces, needs, routes):
    """{piece: the names of the entry routes whose first screen needs it}."""
    return {p: frozenset(r.name for r in routes if any(p in needs[s] for s in r.splits))
            for p in pieces}


def merge_classes(classes, sizes):
    """Starts with one pack per class (pieces the same routes need) and merges greedily:
    merging A and B makes the routes that need only one of them download the other too
    (bytes), and saves the routes that need both one request (REQUEST_COST bytes). The
    merge that saves the most goes first, until none saves anything.
    Returns [(routes, members)]."""
    live = [(routes, sizes[routes], list(members)) for routes, members in classes.items() if routes]
    while True:
        best = None
        for i in range(len(live)):
            for j in range(i + 1, len(live)):
                (ra, sa, _), (rb, sb, _) = live[i], live[j]
                gain = REQUEST_COST * len(ra & rb) - sa * len(rb - ra) - sb * len(ra - rb)
                if gain > 0 and (best is None or gain > best[0]):
                    best = (gain, i, j)
        if best is None:
            return [(routes, members) for routes, _, members in live]
        _, i, j = best
        (ra, sa, ma), (rb, sb, mb) = live[i], live[j]
        live = [p for k, p in enumerate(live) if k not in (i, j)] + [(ra | rb, sa + sb, ma + mb)]


def pack(pieces, needs, routes, join):
    """Groups `pieces` ({name: bytes}) into packs without duplicating any; `needs` maps a
    split point to the pieces it loads. What no entry route needs (the dialogs' own code)
    goes into one `later` pack. `join([{name: bytes}])` makes each pack's bytes from its
    pieces (the build merges each pack's into one module, tools.merge). Returns {pack file: bytes} and
    {piece: its pack file}."""
    routes_of = routes_of_pieces(pieces, needs, routes)
    classes = {}
    for p in sorted(pieces):
        classes.setdefault(routes_of[p], []).append(p)
    sizes = {r: len(gzip.compress(b"".join(pieces[p] for p in members), 9))
             for r, members in classes.items()}
    groups = [list(classes.get(frozenset(), []))] + [m for _, m in merge_classes(classes, sizes)]
    groups = [members for members in groups if members]
    packs, where = {}, {}
    for members, data in zip(groups, join([{p: pieces[p] for p in members} for members in groups])):
        name = content_name("pieces", data, ".wasm")
        packs[name] = data
        for p in members:
            where[p] = name
    return packs, where


def route_packs(splits, needs, where):
    """The packs a first screen needing `splits` downloads."""
    return sorted({where[piece] for s in splits for piece in needs[s]})
