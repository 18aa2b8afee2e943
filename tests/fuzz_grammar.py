"""A grammar of generated articles, as hypothesis strategies, for the fuzzer.

An article here is what our pipelines write and what an attacker who controls
them would write: optional front matter (valid fields with odd values, broken
or unclosed YAML, aliases, Python tags, parser keys), then fragments separated
by ``---END---`` lines. A fragment is a run of Markdown and MyST blocks; it may
stop mid-word, and the next one may continue the cut, restart it, retry what
came before or start afresh. Hostile strings (runs of brackets, control
characters, RTL marks, long words, script) are mixed in at every level.

Paths to files outside the source folder are written as :data:`SECRET_ABS`
and :data:`SENTINEL` placeholders; a test that writes the articles to disk
replaces them with real paths (see :func:`materialise`). Examples stay a few
KB, so hundreds run in seconds.
"""

from __future__ import annotations

from hypothesis import strategies as st

MARKER = "---END---"
SECRET_ABS = "@@SECRET@@"  # the absolute path of a canary file outside the source folder
SENTINEL = "@@SENTINEL@@"  # a file that exists only if an article ran a command
SECRET_REL = "../secret.txt"  # the canary, from the source folder


def materialise(text: str, secret: str, sentinel: str) -> str:
    """The article with the placeholders replaced by real paths."""
    return text.replace(SECRET_ABS, secret).replace(SENTINEL, sentinel)


# --- words and sentences ------------------------------------------------------

JA_SENTENCES = (
    "新しい半導体工場は来年の春に稼働を始める予定です。",
    "同社の責任者は、開発者向けの支援を今年の最優先課題に位置づけると明言しました。",
    "地方の図書館が新しい役割を担い始めています。",
    "新サービス「クラウドシグナル」（北海道リージョン）は来月から利用できます。",
    "消費電力は標準で2.5W、最大でも4Wに抑えられています。",
    "しかし、課題はまだ多く残っています。",
    "専門家は「判断するにはまだ早い」と話しています。",
    "この取り組みは、地域の雇用にも良い影響を与えると期待されています。",
    "以上です。",
    "設定画面を開き、保存ボタンを押してください。",
    "ＡＩを使った翻訳の精度は、この一年で大きく向上しました。",
    "詳しくは公式サイトをご覧ください…",
)
EN_SENTENCES = (
    "The team rewrote the scheduler.",
    "Latency fell by a third after the rewrite.",
    "Throughput held steady.",
    "Small harbours are finding new work.",
    "Why the project started is another story.",
    "What could go wrong?",
    "The results were mixed at best…",
    "Yes.",
    "Press the red button twice, then wait.",
    "It costs $5 and $10 in the shop.",
    "See the appendix (and the notes) for details.",
    "A caption without a full stop",
)
WORDS = (
    "scheduler",
    "latency",
    "harbour",
    "半導体",
    "図書館",
    "クラウド",
    "テスト",
    "the",
    "a",
    "への",
    "を",
    "は",
    "AN」",
    "、",
    "important",
)

# --- hostile strings ----------------------------------------------------------

CONTROL = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\r") + "\x7f\x85"
ODD_CHARS = "\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069\u2028\u2029\ufeff\u00a0\u3000\ufffd"
RUN_CHARS = "[](){}<>*_`~|#!$%&\\^:;=-+.\"' \t"


@st.composite
def hostile_run(draw: st.DrawFn) -> str:
    """A long run of one syntax character, or a few interleaved."""
    chars = draw(st.text(alphabet=RUN_CHARS, min_size=1, max_size=3))
    count = draw(st.integers(1, 200))
    return (chars * count)[: max(count, len(chars))]


def hostile_string() -> st.SearchStrategy[str]:
    return st.one_of(
        hostile_run(),
        st.text(alphabet=CONTROL + ODD_CHARS + RUN_CHARS + "aあ", min_size=1, max_size=40),
        st.integers(60, 600).map(lambda n: "x" * n),  # a very long word
        st.integers(30, 300).map(lambda n: "漢" * n),
        st.sampled_from(
            [
                "\x00",
                "\u202eevil\u202c",
                "\ufeff",
                "&#0;",
                "&#x0;",
                "&amp;&lt;script&gt;",
                "&#106;avascript:",
                "\\",
                "\\\\`",
                "<!--",
                "-->",
                "<![CDATA[",
                "]]>",
                "{{",
                "}}",
                "{%",
                "%}",
                "{#",
                "$$",
                "\\(",
                "\\[",
                "[^",
                "(",
                ")=",
                "||",
                "|-|",
                "```",
                "~~~",
                ":::",
                "---",
                "===",
                "***",
                "---END---",
                " ---END---",
                "---END--- tail",
            ]
        ),
    )


# --- URLs ---------------------------------------------------------------------

URLS = (
    "https://example.com/a?b=c&d=<e>",
    "http://x",
    "mailto:a@b.c",
    "#part",
    "other.html",
    "other.md",
    "./img.png",
    "img.png",
    "missing.png",
    "../up",
    SECRET_REL,
    "../" + SECRET_REL,
    "../../../../etc/passwd",
    SECRET_ABS,
    "/etc/passwd",
    "conf.py",
    f"file://{SECRET_ABS}",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "java&#115;cript:alert(1)",
    "&#x6a;avascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/png;base64,iVBORw0KGgo=",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "//evil.example/x.png",
    "<javascript:alert(1)>",
    "https://例え.jp/パス",
    "{{ x }}",
    "",
    " ",
    "(",
    "a b",
)


def url() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(URLS), st.text(alphabet=RUN_CHARS + "a/:", max_size=12))


# --- inline -------------------------------------------------------------------

ROLES = (
    "sub",
    "sup",
    "abbr",
    "math",
    "code",
    "kbd",
    "doc",
    "ref",
    "term",
    "download",
    "raw",
    "raw-html",
    "eval",
    "file",
    "py:func",
    "Download",
    "unknown-role",
    "",
    "\u202erole",
)


@st.composite
def role(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(ROLES))
    content = draw(
        st.one_of(
            st.sampled_from(
                [
                    "H2O",
                    "conf.py",
                    SECRET_REL,
                    SECRET_ABS,
                    "<script>alert('role')</script>",
                    "x^2",
                    "label <target>",
                    "",
                    "`",
                ]
            ),
            st.text(alphabet="ab{}`<>", max_size=6),
        )
    )
    ticks = draw(st.sampled_from(["`", "``", "`"]))
    return "{" + name + "}" + ticks + content + ticks


@st.composite
def link(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(["click", "リンク", "", "**bold**", "![i](img.png)", "[nested]"]))
    target = draw(url())
    title = draw(st.sampled_from(["", ' "title"', " 'x'", ' "a\\"b"']))
    image = draw(st.booleans())
    shape = draw(st.sampled_from(["inline", "angle", "ref", "auto"]))
    bang = "!" if image else ""
    if shape == "angle":
        return f"{bang}[{text}](<{target}>{title})"
    if shape == "ref":
        label = draw(st.sampled_from(["evil", "x", "参照"]))
        return f"{bang}[{text}][{label}]\n\n[{label}]: {target}{title}"
    if shape == "auto":
        return f"<{target}>"
    return f"{bang}[{text}]({target}{title})"


INLINE_HTML = (
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">a</a>',
    "<b>bold</b>",
    "<br>",
    "<!-- comment -->",
    "<!-- mystitch-lint-disable FRG001 -->",
    "<!-- mystitch-lint-enable -->",
    "<!-- mystitch-lint-disable-next-line DUP001 -->",
    "<span style='x:expression(alert(1))'>s</span>",
    "<iframe src='javascript:alert(1)'></iframe>",
    f'<img src="{SECRET_REL}" alt="secret">',
    f'<img src="{SECRET_ABS}">',
    '<img src="img.png" alt="ok" onload="alert(1)">',
    '<img src="javascript:alert(1)">',
    "</p>",
    "<",
    "<x",
    "</",
)


def inline_piece() -> st.SearchStrategy[str]:
    sentence = st.sampled_from(JA_SENTENCES + EN_SENTENCES)
    word = st.sampled_from(WORDS)
    return st.one_of(
        sentence,
        sentence,
        sentence,
        word,
        word.map(lambda w: f"**{w}**"),
        word.map(lambda w: f"*{w}*"),
        word.map(lambda w: f"_{w}_"),
        word.map(lambda w: f"`{w}`"),
        word.map(lambda w: f"~~{w}~~"),
        sentence.map(lambda s: f"**{s}**"),
        sentence.map(lambda s: f"**{s}"),  # a lone ** from a cut
        link(),
        role(),
        st.sampled_from(INLINE_HTML),
        st.sampled_from(
            [
                "$x^2$",
                "$\\href{javascript:alert(1)}{x}$",
                "$",
                "[^1]",
                "[^a]",
                "{{ site }}",
                "{{ cycler.__init__.__globals__.os.popen('touch " + SENTINEL + "').read() }}",
                "{{",
                "[click]{onclick=\"alert('attrs')\"}",
                "{.cls #id}",
                "(label)=",
                "\\",
                "  ",
                "\t",
            ]
        ),
        hostile_string(),
    )


@st.composite
def inline(draw: st.DrawFn, max_pieces: int = 5) -> str:
    pieces = draw(st.lists(inline_piece(), min_size=1, max_size=max_pieces))
    separators = draw(
        st.lists(st.sampled_from(["", " ", " ", "\n"]), min_size=len(pieces), max_size=len(pieces))
    )
    return "".join(p + s for p, s in zip(pieces, separators, strict=True)).strip("\n") or "x"


# --- blocks -------------------------------------------------------------------


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    """Sentences of one language, or mixed, with markup here and there."""
    plain = draw(st.booleans())
    if plain:
        pool = draw(st.sampled_from([JA_SENTENCES, EN_SENTENCES, JA_SENTENCES + EN_SENTENCES]))
        sentences = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=5))
        joiner = "" if pool is JA_SENTENCES else " "
        text = joiner.join(sentences)
        if draw(st.integers(0, 4)) == 0:
            text = text.replace("。", "。\n", 1).replace(". ", ".\n", 1)
        return text
    return draw(inline())


@st.composite
def heading(draw: st.DrawFn) -> str:
    text = draw(
        st.one_of(st.sampled_from(["背景", "Background", "Risks", "英国の課題", ""]), inline(2))
    )
    text = text.replace("\n", " ")
    style = draw(st.sampled_from(["atx", "atx", "closed", "setext1", "setext2", "bold"]))
    if style == "atx":
        return "#" * draw(st.integers(1, 7)) + " " + text
    if style == "closed":
        return "## " + text + " ##"
    if style == "setext1":
        return text + "\n" + "=" * draw(st.integers(1, 5))
    if style == "setext2":
        return text + "\n" + "-" * draw(st.integers(1, 5))
    return f"**{text}**"


@st.composite
def list_block(draw: st.DrawFn, depth: int = 0) -> str:
    ordered = draw(st.booleans())
    bullet = draw(st.sampled_from(["-", "*", "+"]))
    delimiter = draw(st.sampled_from([".", ")"]))
    start = draw(st.sampled_from([1, 1, 0, 3, 999999999]))
    count = draw(st.integers(1, 4))
    indent = "   " * depth if ordered else "  " * depth
    lines = []
    for n in range(count):
        mark = f"{start + n}{delimiter}" if ordered else bullet
        item = draw(st.one_of(inline(2), st.sampled_from(["", "[ ] task", "[x] done"])))
        item = item.replace("\n", " ")
        lines.append(f"{indent}{mark} {item}".rstrip())
        if depth < 3 and draw(st.integers(0, 4)) == 0:
            lines.append(draw(list_block(depth + 1)))
        if draw(st.integers(0, 6)) == 0:
            inner = draw(fence())
            pad = " " * (len(mark) + 1 + len(indent))
            lines.append("\n".join(pad + line for line in inner.split("\n")))
    return "\n".join(lines)


@st.composite
def table(draw: st.DrawFn) -> str:
    columns = draw(st.integers(1, 4))
    outer = draw(st.booleans())
    rows = draw(st.integers(0, 4))

    def row(cells: list[str]) -> str:
        inner = " | ".join(cells)
        return f"| {inner} |" if outer else inner

    cell = st.one_of(
        st.sampled_from(["項目", "値", "消費電力", "標準2.5W（最大4W）", "a", "", "1", "**b**"]),
        inline(1).map(lambda s: s.replace("\n", " ").replace("|", "\\|")),
    )
    header = row(draw(st.lists(cell, min_size=columns, max_size=columns)))
    align = row(
        draw(
            st.lists(
                st.sampled_from(["---", ":--", "--:", ":-:", "-"]),
                min_size=columns,
                max_size=columns,
            )
        )
    )
    body = [row(draw(st.lists(cell, min_size=columns, max_size=columns + 1))) for _ in range(rows)]
    text = "\n".join([header, align, *body])
    if draw(st.integers(0, 3)) == 0:
        text = text[: draw(st.integers(0, len(text)))]  # cut
    return text


FENCE_LANGS = ("", "python", "text", "markdown", "{note}", "{eval-rst}", "js", "html x=1")


@st.composite
def fence(draw: st.DrawFn) -> str:
    char = draw(st.sampled_from(["`", "~"]))
    width = draw(st.integers(3, 5))
    lang = draw(st.sampled_from(FENCE_LANGS))
    body_lines = draw(
        st.lists(
            st.one_of(
                st.sampled_from(
                    [
                        "x = 1",
                        "print('hello')",
                        MARKER,
                        "```",
                        "~~~",
                        "```python",
                        "<script>alert('code')</script>",
                        "{{ x }}",
                        "",
                        "    indented",
                    ]
                ),
                paragraph().map(lambda s: s.split("\n")[0]),
            ),
            max_size=5,
        )
    )
    opening = char * width + lang
    closed = draw(st.integers(0, 4)) > 0
    close_width = width + draw(st.integers(-1, 1)) if closed else 0
    lines = [opening, *body_lines]
    if closed:
        lines.append(char * max(close_width, 3))
    return "\n".join(lines)


SAFE_DIRECTIVES = (
    "note",
    "warning",
    "tip",
    "seealso",
    "admonition",
    "code-block",
    "code",
    "math",
    "image",
    "figure",
    "csv-table",
    "list-table",
    "table",
    "topic",
    "sidebar",
    "epigraph",
    "container",
    "rubric",
    "glossary",
    "hlist",
    "only",
    "toctree",
    "versionadded",
    "mystitch-articles",
    "mystitch-terms",
    "py:function",
    "contents",
    "sectnum",
    "date",
    "unicode",
    "replace",
)
DANGEROUS_DIRECTIVES = (
    "include",
    "Include",
    "literalinclude",
    "raw",
    "eval-rst",
    "meta",
    "role",
    "default-role",
    "jupyter-execute",
    "program-output",
    "mystitch-byline",
    "mystitch-copy",
)
ODD_DIRECTIVES = ("unknown", "", " note", "note ", "\u202enote", "a:b:c", "{note}", "NOTE", "🙂")

OPTION_NAMES = (
    "class",
    "name",
    "file",
    "url",
    "encoding",
    "target",
    "alt",
    "width",
    "header-rows",
    "widths",
    "literal",
    "start-line",
    "format",
    "http-equiv=refresh",
    "glob",
    "tags",
    "limit",
    "linenos",
    "emphasize-lines",
    "caption",
    "",
    "::",
)
OPTION_VALUES = (
    "",
    "x",
    SECRET_REL,
    SECRET_ABS,
    "conf.py",
    "http://127.0.0.1:9/x.csv",
    "javascript:alert(1)",
    "0; url=https://evil.example",
    "-1",
    "99999999999999999999",
    "1,2,a",
    "html",
    "utf-32",
    "[1, 2",
    "{a: b}",
    "&a",
    "*a",
    "!!python/object/apply:os.system ['touch " + SENTINEL + "']",
    "1 2 3",
)
DIRECTIVE_ARGS = (
    "",
    "img.png",
    "missing.png",
    SECRET_REL,
    SECRET_ABS,
    "conf.py",
    "html",
    "python",
    "https://example.com/x.png",
    "javascript:alert(1)",
    "Title with *emphasis*",
    "*",
    "../*",
    "a b c",
)
DIRECTIVE_BODIES = (
    "",
    "Body text.",
    "<script>alert('directive')</script>",
    ".. raw:: html\n\n   <script>alert('rst')</script>",
    f".. include:: {SECRET_REL}",
    f".. literalinclude:: {SECRET_ABS}",
    "`click <javascript:alert('rst')>`_",
    ".. role:: rh(raw)\n   :format: html\n\n:rh:`<script>alert('role')</script>`",
    ".. meta::\n   :http-equiv=refresh: 0; url=https://evil.example",
    'a,b\n1,2\n"unclosed,3',
    "* - a\n  - b\n* - 1\n  - 2",
    "* - a\n  - b\n* - 1",
    "- x\n  - y",
    "term\n   definition",
    "x = 1\n" + MARKER + "\ny = 2",
    "x^2 + y^2 = z^2",
    "\\href{javascript:alert(1)}{x}",
    "*\n../*",
    "{{ cycler.__init__.__globals__.os.popen('touch " + SENTINEL + "').read() }}",
)


@st.composite
def directive(draw: st.DrawFn, depth: int = 0) -> str:
    name = draw(
        st.one_of(
            st.sampled_from(SAFE_DIRECTIVES),
            st.sampled_from(DANGEROUS_DIRECTIVES),
            st.sampled_from(ODD_DIRECTIVES),
        )
    )
    argument = draw(st.sampled_from(DIRECTIVE_ARGS))
    options = draw(
        st.lists(
            st.tuples(st.sampled_from(OPTION_NAMES), st.sampled_from(OPTION_VALUES)), max_size=3
        )
    )
    yaml_options = draw(st.integers(0, 5)) == 0
    parts: list[str] = []
    if depth < 2 and draw(st.integers(0, 3)) == 0:
        parts.append(draw(directive(depth + 1)))
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(DIRECTIVE_BODIES)))
    if draw(st.integers(0, 3)) == 0:
        parts.append(draw(paragraph()))
    body = "\n\n".join(parts)
    style = draw(st.sampled_from(["backtick", "colon", "tilde"]))
    if style == "colon":
        fence_text = ":" * (3 + (2 - depth) + draw(st.integers(0, 1)))
    elif style == "tilde":
        fence_text = "~" * (3 + (2 - depth))
    else:
        fence_text = "`" * (3 + (2 - depth))
    head = f"{fence_text}{{{name}}} {argument}".rstrip()
    lines = [head]
    if yaml_options and options:
        lines.append("---")
        lines += [f"{k}: {v}" for k, v in options]
        lines.append("---")
    else:
        lines += [f":{k}: {v}".rstrip() for k, v in options]
    if body:
        lines += ["", body] if draw(st.booleans()) else [body]
    if draw(st.integers(0, 5)) > 0:
        lines.append(fence_text)
    return "\n".join(lines)


HTML_BLOCKS = (
    "<script>alert('block')</script>",
    "<div>\n<img src=x onerror=alert(1)>\n</div>",
    "<iframe srcdoc=\"<script>alert('iframe')</script>\"></iframe>",
    "<details open ontoggle=alert(1)>x</details>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<object data="javascript:alert(1)"></object>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<style>@import url(https://evil.example/x.css);</style>",
    "<!-- a comment -->",
    "<!-- a comment\nover lines\n" + MARKER + "\nstill comment -->",
    "<!-- never closed",
    "<!-- mystitch-lint-disable FRG001 -->",
    "<!-- mystitch-lint-disable-file -->",
    "<table><tr><td>cell</td></tr></table>",
    "<div>\n\n**markdown inside**\n\n</div>",
    "<pre>\n" + MARKER + "\n</pre>",
    "<?php echo 1; ?>",
    "<!DOCTYPE html>",
    "<![CDATA[ x ]]>",
    '<base href="javascript:alert(1)//">',
    "<svg><script>alert(1)</script></svg>",
    "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
    '<div class="admonition note" onclick="alert(1)">\n<p class="title">Note</p>\n'
    "<script>alert('adm')</script>\n</div>",
    '<div class="admonition"><p class="title">x</p><img src=x onerror=alert(1)></div>',
    f'<p><img src="{SECRET_REL}" alt="secret"></p>',
)


@st.composite
def quote(draw: st.DrawFn, depth: int = 0) -> str:
    inner_blocks = draw(
        st.lists(
            st.one_of(
                paragraph(),
                fence(),
                directive(),
                list_block(),
                table(),
                st.sampled_from(HTML_BLOCKS),
                st.just(":::{note}"),
                st.just(""),
                quote(depth + 1) if depth < 3 else paragraph(),
            ),
            min_size=1,
            max_size=3,
        )
    )
    text = "\n\n".join(inner_blocks)
    prefix = draw(st.sampled_from(["> ", ">", ">  "]))
    lines = [prefix + line if line or draw(st.booleans()) else ">" for line in text.split("\n")]
    if draw(st.integers(0, 3)) == 0:
        lines.append(">")
    return "\n".join(lines)


MISC_BLOCKS = (
    "$$\nx = 1\n$$",
    "$$\nx = 1",
    "$$ x = 1 $$ (eq1)",
    "$$\n\\href{javascript:alert(1)}{x}\n$$",
    "[^1]: A footnote.",
    "[^a]: See [^a].",
    "[^]: empty",
    "(target-label)=",
    "(../../etc)=",
    "% a MyST comment",
    "+++",
    '+++ {"meta": 1}',
    "{{ site }}",
    "{{ x }}",
    "{{ lipsum.__globals__['os'].popen('touch " + SENTINEL + "').read() }}",
    "{% for x in range(10**9) %}x{% endfor %}",
    "***",
    "---",
    "- - -",
    "Term\n: Definition",
    '{#anchor .cls onclick="alert(1)"}\nA paragraph with attributes.',
    '{style="background:url(javascript:alert(1))" data-x="1"}\n## Heading with attributes',
    "{.cls}\n- a list\n- with attributes",
    'Text with [a span]{onmouseover="alert(1)" .cls} in it.',
    'Text with `code`{onclick="alert(1)"} in it.',
    '![img](img.png){width=10 onerror="alert(1)"}',
    ":field: value",
    "    indented code\n    " + MARKER,
    "\\",
    "\u00a0",
    "　",
    "`" * 30,
    "> :::{note}\n>",
    ">" * 200 + " deep",
    "\n".join("  " * d + "- item" for d in range(60)),
    "[" * 300,
    "*" * 300 + "x",
    "<" * 300,
    "{" * 300,
    "|" * 300,
    "(" * 300,
    "![" * 200,
    "[a](" * 200,
)


def block() -> st.SearchStrategy[str]:
    return st.one_of(
        paragraph(),
        paragraph(),
        paragraph(),
        paragraph(),
        heading(),
        heading(),
        list_block(),
        table(),
        quote(),
        fence(),
        directive(),
        directive(),
        st.sampled_from(HTML_BLOCKS),
        st.sampled_from(MISC_BLOCKS),
        hostile_string(),
    )


# --- front matter ---------------------------------------------------------------

FIELD_VALUES = {
    "title": (
        '"テスト記事"',
        "Why Small Harbours Are Busy Again",
        "42",
        "",
        "null",
        "[a, b]",
        "{a: 1}",
        "\"<script>alert('title')</script>\"",
        "'{{ x }}'",
        '"control\\x07chars\\x00"',
        '"\\u202eevil"',
        "a: b",
        "!!python/object/apply:os.system ['touch " + SENTINEL + "']",
        "!!binary aGVsbG8=",
        "!custom x",
        "*undefined",
        "&anchor value",
        "'unclosed",
        '"unclosed',
        "|\n  block\n  title",
        "yes",
        "1e9999",
        "2026-01-02",
    ),
    "date": (
        "2026-03-14 09:30:00 +0900",
        "2026-01-02",
        "2026-13-45",
        "2026年9月28日",
        "tomorrow",
        "0",
        "-1",
        "99999-01-01",
        "2026-02-30",
        "[2026]",
        '"2026-01-02T25:61:00"',
        "null",
        "1e10",
        "2026-01-02 10:00:00 +9999",
    ),
    "categories": (
        '["技術"]',
        "技術",
        "[[a, [b]], {c: 1}]",
        "42",
        "null",
        "[]",
        "['../../etc/passwd', '<svg onload=alert(1)>', '', ' ']",
        "[search, genindex, index, tags, 'a/b', '.', '..']",
        "[Ａ, A, a, ａ]",
    ),
    "tags": (
        '["AI", "半導体"]',
        "AI",
        "[foo!, foo-c0cfbde0]",
        "['<script>alert(1)</script>', '{eval-rst}', '{{ x }}']",
        "[1, 2.5, true, null]",
        "[" + ", ".join(f"t{n}" for n in range(150)) + "]",
        "{a: b}",
        "['\\u202e', '\\x00', '\\t']",
        "[x" * 40,
        "&tags [a, b]",
        "*tags",
    ),
    "author": ('"編集部"', "Jane Doe", "<img src=x onerror=alert(1)>", "[a, b]", "null", "1"),
    "excerpt": (
        '"要約です。"',
        '"line\\u2028break \\x00 \\x1b end"',
        '"\\"><script>alert(\'excerpt\')</script>"',
        ">\n  folded\n  text",
        "[a]",
        "'" + "x" * 400 + "'",
    ),
    "reading_time": ("4", "-1", "0", "1e9", "four", "true", "[4]", "99999999999999999999999"),
}
PARSER_KEYS = (
    "myst:\n  enable_extensions: [substitution]\n  substitutions:\n    x: \"{{ cycler.__init__.__globals__.os.popen('touch "
    + SENTINEL
    + "').read() }}\"",
    "substitutions:\n  x: \"{{ lipsum.__globals__['os'].popen('touch "
    + SENTINEL
    + "').read() }}\"",
    "html_meta:\n  http-equiv=refresh: 0; url=https://evil.example",
    "myst:\n  html_meta:\n    http-equiv=refresh: 0; url=https://evil.example",
    "orphan: true",
    "nosearch: true",
    "tocdepth: -1",
    "html_theme.sidebar_secondary.remove: true",
    "layout: post",
    "id: same-id",
    "jupytext: {}",
    "kernelspec: {name: python3}",
    "file_format: mystnb",
    "? complex key\n: value",
    "<<: {title: merged}",
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
    "self: &s [*s]",
    "%YAML 1.1",
    "--- !!map",
    "\t tab: indented",
    "key: 'control \x07 \x1b raw'",
    'key: "\\x00\\ud800"',
    ": no key",
    "title: duplicate",
    "[" * 200,
    "a:\n" + "  " * 60 + "deep: 1",
)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["none", "valid", "valid", "odd", "odd", "unclosed", "empty"]))
    if kind == "none":
        return ""
    if kind == "empty":
        return draw(st.sampled_from(["---\n---\n", "---\n\n---\n", "---\n...\n", "----\n---\n"]))
    lines = []
    names = draw(
        st.lists(st.sampled_from(sorted(FIELD_VALUES)), min_size=0, max_size=7, unique=True)
    )
    for name in names:
        if kind == "valid":
            value = FIELD_VALUES[name][0]
        else:
            value = draw(st.sampled_from(FIELD_VALUES[name]))
        lines.append(f"{name}: {value}")
    if kind != "valid":
        extras = draw(st.lists(st.sampled_from(PARSER_KEYS), max_size=2))
        lines += extras
        if draw(st.integers(0, 4)) == 0:
            lines.insert(
                draw(st.integers(0, len(lines))), draw(hostile_string()).replace("\n", " ")
            )
    text = "---\n" + "\n".join(lines) + ("\n" if lines else "")
    if kind == "unclosed":
        return text + "\n"
    return text + draw(st.sampled_from(["---\n", "---\n", "...\n", "--- \n", "-----\n"]))


# --- fragments and articles -------------------------------------------------------


@st.composite
def fragments(draw: st.DrawFn) -> str:
    """Fragments separated by marker lines, cut and continued the way a generator does."""
    count = draw(st.integers(1, 5))
    written: list[str] = []  # every block written so far, for retries
    out: list[str] = []
    rest: str | None = None  # the rest of a block the last fragment cut
    whole: str | None = None  # that whole block
    for _ in range(count):
        blocks = draw(st.lists(block(), max_size=5))
        if rest is not None:
            how = draw(
                st.sampled_from(["continue", "continue", "restart", "inside", "retry", "fresh"])
            )
            if how == "continue" and rest:
                blocks.insert(0, rest)  # picks up mid-word, on the fragment's first line
            elif how == "restart" and whole:
                blocks.insert(0, whole)
            elif how == "inside" and whole:
                # A retry that goes back to a point inside the cut, not to its start.
                cut = len(whole) - len(rest)
                blocks.insert(0, whole[draw(st.integers(0, cut)) :])
            elif how == "retry" and written:
                start = draw(st.integers(0, len(written) - 1))
                blocks[0:0] = written[start : start + draw(st.integers(1, 4))]
        elif written and draw(st.integers(0, 5)) == 0:
            blocks.insert(0, draw(st.sampled_from(written)))  # a plain repeat
        rest = whole = None
        if blocks and draw(st.integers(0, 2)) > 0:
            whole = blocks[-1]
            at = draw(st.integers(0, len(whole)))
            blocks[-1], rest = whole[:at], whole[at:]
        separators = draw(
            st.lists(
                st.sampled_from(["\n\n", "\n\n", "\n", "\n\n\n"]),
                min_size=len(blocks),
                max_size=len(blocks),
            )
        )
        text = "".join(b + s for b, s in zip(blocks, separators, strict=True))
        if rest is not None:
            text = text.rstrip("\n")  # cut: the marker follows the cut text directly
        written += [b for b in blocks if b]
        out.append(text.rstrip("\n") if text.strip() else text)
    markers = draw(
        st.lists(
            st.sampled_from([MARKER, MARKER, MARKER, MARKER + "  ", MARKER + "\t", MARKER]),
            min_size=count,
            max_size=count,
        )
    )
    text = ""
    for position, (piece, marker) in enumerate(zip(out, markers, strict=True)):
        text += piece
        if position < count - 1 or draw(st.booleans()):
            text += ("\n" if piece and not piece.endswith("\n") else "") + marker + "\n"
    return text


@st.composite
def article(draw: st.DrawFn) -> str:
    """One whole article: front matter, a blank line or not, and fragments."""
    front = draw(front_matter())
    gap = draw(st.sampled_from(["\n", "\n", "", "\n\n"])) if front else ""
    body = draw(fragments())
    text = front + gap + body
    ending = draw(st.sampled_from(["", "\n", "\n\n", "keep"]))
    if ending != "keep":
        text = text.rstrip("\n") + ending
    if draw(st.integers(0, 20)) == 0:
        text = "\ufeff" + text  # a byte-order mark
    if draw(st.integers(0, 20)) == 0:
        text = text.replace("\n", "\r\n")
    return text
