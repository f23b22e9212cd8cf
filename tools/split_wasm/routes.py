"""The route table (src/pages/routes.json): each entry route's paths and split points."""
import dataclasses
import json
import pathlib
import re


@dataclasses.dataclass(frozen=True)
class Route:
    name: str
    paths: tuple  # full paths, e.g. "/owners/:owner/lock-groups"
    splits: tuple  # the split points its first screen needs
    ceiling_kb: int


def load(path: pathlib.Path) -> list:
    """Reads the table, resolving a tab's path (`under`) against its parent route's."""
    entries = json.loads(path.read_text(encoding="utf-8"))["routes"]
    full = {}
    routes = []
    for e in entries:
        if "under" in e:
            own = full[e["under"]].rstrip("/") + "/" + e["path"]
        else:
            own = e["path"]
        full[e["name"]] = own
        routes.append(Route(e["name"], (own, *e.get("also", [])), tuple(e["splits"]), e["ceiling_kb"]))
    return routes


def pattern(route: Route) -> str:
    """The regular expression (JavaScript and Python alike) that matches a location's path
    without its leading public URL: `:param` segments match any one segment, a trailing
    slash is optional."""
    alternatives = []
    for path in route.paths:
        segments = [s for s in path.strip("/").split("/") if s]
        parts = ["[^/]+" if s.startswith(":") else re.escape(s) for s in segments]
        alternatives.append("/".join(parts) + ("/?" if parts else ""))
    return "^(?:" + "|".join(alternatives) + ")$"
