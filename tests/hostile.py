"""A catalogue of hostile articles, and what a built site must never contain.

Each attack is one article, written as an attacker who controls the text a
pipeline produces would write it: to run a command at build time, to publish
a file of the build machine, to put live script or a redirect in a reader's
browser, to crash or hang the build, or to make another article disappear.
The payloads are crossed with the places they can hide (a paragraph, a
heading, a list, a table, a quote, an admonition, after a fragment marker)
and with the front matter an article may have (valid, invalid, unclosed,
none), so the suite tests kinds of attack rather than single strings.
"""

from __future__ import annotations

import html.parser
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

TOKEN = "CANARY-7f3a9c"  # the secret file's content; must never be published
CONF_TOKEN = "CONF-SECRET-51e2"  # in conf.py: a file inside the source folder that is no page


def _fm(title: str = "Hostile", **extra: object) -> str:
    fields = {"title": title, "date": "2026-01-02", "tags": ["security"], **extra}
    return "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in fields.items()) + "---\n\n"


def payloads(secret: Path, sentinel: Path) -> dict[str, str]:
    """Body payloads by name. ``secret`` is outside the source folder."""
    touch = f"touch {sentinel}"
    rel = "../secret.txt"  # from the source folder to ``secret``
    return {
        # code execution
        "jinja-cycler": f"{{{{ cycler.__init__.__globals__.os.popen('{touch}').read() }}}}",
        "jinja-lipsum": f"{{{{ lipsum.__globals__['os'].popen('{touch}').read() }}}}",
        "jinja-builtins": (
            f"{{{{ self.__init__.__globals__.__builtins__.__import__('os').system('{touch}') }}}}"
        ),
        "eval-rst-raw": "```{eval-rst}\n.. raw:: html\n\n   <script>alert('rst')</script>\n```",
        "eval-rst-colon": ":::{eval-rst}\n.. raw:: html\n\n   <script>alert('rst')</script>\n:::",
        "unknown-exec": f"```{{jupyter-execute}}\nimport os; os.system('{touch}')\n```",
        "unknown-program-output": f"```{{program-output}} {touch}\n```",
        # file disclosure
        "include": f"```{{include}} {rel}\n```",
        "include-colon": f":::{{include}} {rel}\n:::",
        "include-absolute": f"```{{include}} {secret}\n```",
        "include-upper": f"```{{Include}} {rel}\n```",
        "include-literal": f"```{{include}} {rel}\n:literal:\n```",
        "literalinclude": f"```{{literalinclude}} {rel}\n```",
        "literalinclude-conf": "```{literalinclude} conf.py\n```",
        "csv-file": f"```{{csv-table}}\n:file: {rel}\n```",
        "csv-url": "```{csv-table}\n:url: http://127.0.0.1:9/x.csv\n```",
        "raw-file": f"```{{raw}} html\n:file: {rel}\n```",
        "eval-rst-include": f"```{{eval-rst}}\n.. include:: {rel}\n```",
        "eval-rst-literalinclude": f"```{{eval-rst}}\n.. literalinclude:: {secret}\n```",
        "image-outside": f"```{{image}} {rel}\n```",
        "figure-outside": f"```{{figure}} {secret}\n\ncaption\n```",
        "md-image-outside": f"![secret]({rel})",
        "md-image-absolute": f"![secret]({secret})",
        "md-image-conf": "![conf](conf.py)",
        "md-image-double-slash": f"![secret](/{secret})",  # "//…": a path to Sphinx
        "image-double-slash": f"```{{image}} /{secret}\n```",
        "md-image-glob": "![x](*.py)",
        "md-image-file-url": f"![secret](file://{secret})",
        "md-link-outside": f"[secret]({rel})",
        "md-link-conf": "[conf](conf.py)",
        "download-role": f"{{download}}`{rel}`",
        "download-conf": "{download}`conf.py`",
        "html-img-outside": f'<img src="{rel}" alt="x">',
        # live script and redirects
        "script": "<script>alert('raw')</script>",
        "img-onerror": "<img src=x onerror=alert('img')>",
        "svg-onload": "<svg/onload=alert('svg')>",
        "iframe-srcdoc": "<iframe srcdoc=\"<script>alert('iframe')</script>\"></iframe>",
        "a-javascript": "<a href=\"javascript:alert('a')\">click</a>",
        "details-ontoggle": "<details open ontoggle=alert('details')>x</details>",
        "object-data": '<object data="javascript:alert(1)"></object>',
        "form-action": '<form action="javascript:alert(1)"><button>go</button></form>',
        "meta-refresh-html": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        "style-import": "<style>@import url(https://evil.example/x.css);</style>",
        "md-link-js": "[click](javascript:alert('md'))",
        "md-link-js-upper": "[click](JaVaScRiPt:alert('md'))",
        "md-link-js-angle": "[click](<javascript:alert('md')>)",
        "md-link-js-entity": "[click](java&#115;cript:alert('md'))",
        "md-link-vbscript": "[click](vbscript:msgbox('md'))",
        "md-link-data": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "md-ref-link-js": "[click][evil]\n\n[evil]: javascript:alert('ref')",
        "autolink-js": "<javascript:alert('auto')>",
        "md-image-js": "![x](javascript:alert('img'))",
        "eval-rst-link-js": "```{eval-rst}\n`click <javascript:alert('rst')>`_\n```",
        "eval-rst-meta": (
            "```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0; url=https://evil.example\n```"
        ),
        "eval-rst-raw-role": (
            "```{eval-rst}\n.. role:: rh(raw)\n   :format: html\n\n"
            ":rh:`<script>alert('role')</script>`\n```"
        ),
        "image-target-js": "```{image} https://example.com/x.png\n:target: javascript:alert('t')\n```",
        "figure-target-js": (
            "```{figure} https://example.com/x.png\n:target: javascript:alert('t')\n\ncap\n```"
        ),
        "image-js-uri": "```{image} javascript:alert('i')\n```",
        "raw-directive": "```{raw} html\n<script>alert('raw-directive')</script>\n```",
        "meta-directive": "```{meta}\n:http-equiv=refresh: 0; url=https://evil.example\n```",
        "mathjax-href": "$\\href{javascript:alert('math')}{x}$",
        "math-role-href": "{math}`\\href{javascript:alert('math')}{x}`",
        "math-directive-class": "```{math}\n\\class{x}{y} \\style{color:red}{z}\n```",
        "math-block-href": "$$\n\\href{javascript:alert('math')}{x}\n$$",
        "math-mmltoken": "$\\mmlToken{mi}[href='javascript:alert(1)']{x}$",
        "attrs-onclick": "[click]{onclick=\"alert('attrs')\"}",
        "unknown-role": "{raw-html}`<script>alert('role')</script>`",
        "note-script": ":::{note}\n<script>alert('note')</script>\n:::",
        # crashes
        "quote-colon-fence": "> :::{note}\n>",
        "deep-quote": ">" * 3000 + " deep",
        "deep-list": "\n".join("  " * depth + "- item" for depth in range(400)),
        "unclosed-colon-fence": ":::{note}\nnever closed",
        "unclosed-directive": "```{note}\nnever closed",
        "unclosed-math": "$$\nx = 1",
        "footnote-loop": "Text[^a].\n\n[^a]: See [^a].",
        "weird-directive-name": "```{\u202enote}\nbody\n```",
        "empty-role": "{}`x` and {`y`",
        "emphasize-lines-bomb": "```{code-block} python\n:emphasize-lines: 1-2000000000\n\nx = 1\n```",
        "hlist-columns-bomb": "```{hlist}\n:columns: 1000000000\n\n- a\n- b\n```",
        "toctree-javascript": "```{toctree}\nClick <javascript://%0Aalert(document.domain)>\n```",
        "math-in-plain-text": (
            "Energy {math}`E=mc^2`.\n\n$$\\href{javascript:alert(document.domain)}{x}$$\n\n"
            "\\\\(\\href{javascript:alert(2)}{y}\\\\)"
        ),
        # RecursionError in the parser: the page is published as text, and the
        # build goes on (myst-parser's transforms once tripped over it).
        "nested-fences": "\n".join(
            ["`" * (223 - i) + "{note}" for i in range(220)]
            + ["deep"]
            + ["`" * (4 + i) for i in range(220)]
        ),
        "index-invisible": "Text {index}`\u200f`.",
        "numref-format": "(sec)=\n## Section\n\nText {numref}`{0} number <sec>`.",
        "cpp-expr-bomb": "{cpp:expr}`" + "(" * 10 + "`",
        "lexer-mcfunction": "```mcfunction\n" + "1" * 500 + "x\n```",
        "lexer-autohotkey": "```autohotkey\n" + " \n" * 6000 + "```",
        "toctree-glob": "```{toctree}\n:glob:\n\n*\n../*\n```",
    }


PLACES = {
    "paragraph": "{p}",
    "heading": "## {p}",
    "list": "- first\n- {p}",
    "table": "| a | b |\n| --- | --- |\n| 1 | {p} |",
    "quote": "> {p}",
    "after-marker": "Before the cut the text goes\n---END---\non after it.\n\n{p}",
}
INLINE = {
    "script",
    "img-onerror",
    "svg-onload",
    "a-javascript",
    "md-link-js",
    "md-link-js-upper",
    "md-link-js-entity",
    "autolink-js",
    "md-image-js",
    "md-link-outside",
    "md-image-outside",
    "download-role",
    "unknown-role",
    "attrs-onclick",
    "jinja-cycler",
    "mathjax-href",
    "math-role-href",
    "math-mmltoken",
}


@dataclass
class Corpus:
    files: dict[str, str] = field(default_factory=dict)
    good: dict[str, str] = field(default_factory=dict)  # docname -> a sentence its page shows


def corpus(secret: Path, sentinel: Path) -> Corpus:
    """About a hundred and fifty hostile articles and two good ones."""
    found = Corpus()
    items = payloads(secret, sentinel)
    for name, payload in items.items():
        found.files[f"body-{name}.md"] = _fm(f"Attack {name}") + f"Intro text.\n\n{payload}\n"
    # Inline payloads in every place an article can put them.
    for name in sorted(INLINE):
        for place, shape in PLACES.items():
            body = shape.format(p=items[name])
            found.files[f"in-{place}-{name}.md"] = _fm(f"{name} in {place}") + body + "\n"
    # Front matter that is broken, or absent, does not make a page trusted.
    script = items["script"]
    found.files["fm-invalid.md"] = f"---\ntitle: a: b\n---\n\n{script}\n"
    found.files["fm-unclosed.md"] = f"---\ntitle: x\n\n{script}\n"
    found.files["fm-title-number.md"] = f"---\ntitle: 42\n---\n\n{script}\n"
    found.files["fm-none.md"] = f"{script}\n\n{items['include']}\n"
    found.files["fm-empty.md"] = f"---\n---\n\n{script}\n"
    found.files["fm-list.md"] = f"---\n- a\n- b\n---\n\n{script}\n"
    found.files["fm-alias-bomb.md"] = (
        "---\ntitle: bomb\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join('*' + chr(97 + i) for _ in range(9))}]\n"
            for i in range(8)
        )
        + "---\n\nBody.\n"
    )
    found.files["fm-python-tag.md"] = (
        f"---\ntitle: !!python/object/apply:os.system ['{'touch ' + str(sentinel)}']\n---\n\nBody.\n"
    )
    found.files["fm-myst-substitution.md"] = (
        "---\ntitle: subst\nmyst:\n  enable_extensions: [substitution]\n  substitutions:\n"
        f"    x: \"{{{{ cycler.__init__.__globals__.os.popen('touch {sentinel}').read() }}}}\"\n"
        "---\n\n{{ x }}\n"
    )
    found.files["fm-top-substitutions.md"] = (
        "---\ntitle: subst\nsubstitutions:\n"
        f"  x: \"{{{{ lipsum.__globals__['os'].popen('touch {sentinel}').read() }}}}\"\n"
        "---\n\n{{ x }}\n"
    )
    found.files["fm-html-meta.md"] = (
        "---\ntitle: meta\nhtml_meta:\n  http-equiv=refresh: 0; url=https://evil.example\n"
        "myst:\n  html_meta:\n    http-equiv=refresh: 0; url=https://evil.example\n---\n\nBody.\n"
    )
    found.files["fm-theme-option.md"] = (
        "---\ntitle: theme\nhtml_theme.sidebar_secondary.remove: true\n---\n\nBody.\n"
    )
    found.files["fm-names.md"] = (
        _fm(
            "<script>alert('title')</script>",
            excerpt="\"><script>alert('excerpt')</script>",
            author="<img src=x onerror=alert('author')>",
            tags=["<script>alert('tag')</script>", "../../etc/passwd", "{eval-rst}"],
            categories=["<svg onload=alert('cat')>"],
        )
        + "Body.\n"
    )
    found.files["fm-control.md"] = (
        '---\ntitle: "control\\x07chars"\nexcerpt: "line\\u2028break \\x00 \\x1b end"\n'
        "date: 2026-01-03\n---\n\nBody text.\n"
    )
    # Silent losses: a tag whose page name is another tag's, pages Sphinx owns.
    found.files["tag-a.md"] = _fm("Tag A", tags=["foo!"]) + "A body.\n"
    found.files["tag-b.md"] = _fm("Tag B", tags=["foo-c0cfbde0"]) + "B body.\n"
    found.files["search.md"] = _fm("An article named search") + "Search body.\n"
    found.files["genindex.md"] = _fm("An article named genindex") + "Genindex body.\n"
    found.files["code-marker.md"] = (
        _fm("Marker in code") + "Code:\n\n```text\nfirst\n---END---\nsecond\n```\n\nAfter.\n"
    )
    found.files["unclosed-fence.md"] = _fm("Unclosed fence") + "Text.\n\n```python\nx = 1\n"
    # The good articles beside them.
    found.files["good-ja.md"] = _fm("良い記事", tags=["security"]) + "良い記事の本文です。\n"
    # With math, so the scripts MathJax needs are among those a clean site has.
    found.files["good-en.md"] = _fm("A good article") + "A good article body. $x^2$\n"
    found.good = {"good-ja": "良い記事の本文です。", "good-en": "A good article body."}
    return found


CONF = """
extensions = ["mystitch"]
# An address, so feeds, canonical links and JSON-LD are written and attacked too.
html_baseurl = "https://news.example.com/"
# A permissive site: every MyST extension that widens what Markdown can do,
# substitutions included, for the site's own pages. Articles must not get them.
myst_enable_extensions = [
    "substitution", "colon_fence", "html_image", "html_admonition", "attrs_inline",
    "attrs_block", "deflist", "dollarmath", "fieldlist",
]
myst_substitutions = {{"site": "mystitch"}}
# {token}
"""


VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
ACTIVE_MATH = re.compile(r"\\(href|url|class|cssId|style|bbox|mmlToken|require)(?![A-Za-z])")


class Page(html.parser.HTMLParser):
    """What a built page holds that could act in a browser."""

    URL_ATTRIBUTES = frozenset(
        {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.data: list[object] = []  # JSON-LD: data, not code, once it parses
        self.problems: list[str] = []
        self._in_script = False
        self._script: list[str] = []
        self._type = ""
        self._open: list[bool] = []  # for each open element: is it math MathJax typesets?
        self.mathjax = False  # the page loads MathJax

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag not in VOID:
            math = "math" in (values.get("class") or "").split()
            self._open.append(math or (bool(self._open) and self._open[-1]))
        if tag == "script" and "mathjax" in (values.get("src") or "").lower():
            self.mathjax = True
        if tag == "script":
            self._in_script = True
            self._script = [f"src={values.get('src')}"]
            self._type = values.get("type") or ""
        if tag in ("iframe", "object", "embed", "base", "frame", "applet"):
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("refresh <meta>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name in self.URL_ATTRIBUTES and value is not None:
                cleaned = "".join(ch for ch in value if ord(ch) > 32).lower()
                if cleaned.startswith(("javascript:", "vbscript:", "data:text")):
                    self.problems.append(f"{name}={value[:60]!r} on <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self._open:
            self._open.pop()
        if tag == "script" and self._in_script:
            self._in_script = False
            if self._type == "application/ld+json" and self._script[0] == "src=None":
                try:
                    self.data.append(json.loads("".join(self._script[1:])))
                except ValueError:
                    self.problems.append("JSON-LD that does not parse: cut open?")
                return
            self.scripts.append("".join(self._script))

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self._script.append(data)
        # MathJax turns these into links, classes and styles in the browser.
        if self._open and self._open[-1] and ACTIVE_MATH.search(data):
            self.problems.append(f"math MathJax would make live: {data[:60]!r}")


def inspect(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page
