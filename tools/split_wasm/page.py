"""The changes to Trunk's index.html."""
import base64
import hashlib
import re


class MissingTag(Exception):
    pass


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def replace_integrity(html: str, href: str, data: bytes) -> str:
    """The SRI hash of a file the splitter replaced, in the `<link>` Trunk wrote for it."""
    html, n = re.subn(rf'(href="{re.escape(href)}"[^>]*?integrity=")[^"]*"',
                      lambda m: m.group(1) + sri(data) + '"', html)
    if n != 1:
        raise MissingTag(f"no <link> with integrity for {href} in index.html")
    return html


def add_modulepreload(html: str, href: str, data: bytes) -> str:
    link = f'<link rel="modulepreload" href="{href}" crossorigin="anonymous" integrity="{sri(data)}">'
    return html.replace("</head>", link + "</head>", 1)


def add_first_script(html: str, src: str, data: bytes) -> str:
    """An async script right after `<meta charset>`, the first thing the page runs."""
    tag = f'\n    <script async src="{src}" integrity="{sri(data)}"></script>'
    html, n = re.subn(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + tag, html, count=1)
    if n != 1:
        raise MissingTag("no <meta charset> in index.html to put the route table after")
    return html
