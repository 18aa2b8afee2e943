"""The documentation stays true: one page per rule, real example output, every option."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from mystitch.lint import LintConfig, lint_paths
from mystitch.lint.cli import main
from mystitch.lint.rules import RULES

DOCS = ROOT / "docs"


def test_every_rule_has_a_page_and_a_row_in_the_index():
    index = (DOCS / "rules" / "index.md").read_text(encoding="utf-8")
    for code in RULES:
        page = DOCS / "rules" / f"{code}.md"
        assert page.is_file(), code
        assert page.read_text(encoding="utf-8").startswith(f"# {code}: {RULES[code].name}\n")
        assert f"[{code}]({code}.md)" in index


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_page_example_output_is_what_the_linter_says(code, tmp_path, monkeypatch, capsys):
    page = (DOCS / "rules" / f"{code}.md").read_text(encoding="utf-8")
    example = re.search(r"```markdown\n(.*?)\n```", page, re.S)
    if example is None:
        pytest.skip("this rule's example cannot be written as a Markdown file")
    shown = re.search(r"reports:\n\n```text\n(.*?)\n```", page, re.S)
    assert shown is not None
    (tmp_path / "article.md").write_text(example.group(1) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["--select", code, "-q", "article.md"])
    assert capsys.readouterr().out.rstrip("\n") == shown.group(1)


def test_every_option_is_documented():
    reference = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for option in LintConfig.options():
        assert f"### `{option.name.replace('_', '-')}`" in reference, option.name


def test_our_own_pages_lint_clean():
    pages = [p for p in DOCS.rglob("*.md") if "examples" not in p.parts and "_build" not in p.parts]
    config = LintConfig(
        root=str(ROOT), per_file_ignores={"docs/*.md": ("FM",), "docs/rules/*.md": ("FM",)}
    )
    report = lint_paths([str(p) for p in pages], config)
    assert report.findings == []


def test_every_extension_setting_and_warning_is_in_the_generated_reference():
    from mystitch._docs import settings_markdown, warnings_markdown
    from mystitch.config import MystitchConfig
    from mystitch.warnings_ import MystitchWarnings

    settings, warnings = settings_markdown(), warnings_markdown()
    for option in MystitchConfig.fields():
        assert f"`mystitch_{option.name}`\n: *" in settings, option.name
        assert option.metadata["help"] in settings
    for kind in MystitchWarnings:
        assert f"| `mystitch.{kind.value}` | {kind.doc} |" in warnings
    assert "```{mystitch-settings}" in (DOCS / "configuration.md").read_text(encoding="utf-8")
    assert "```{mystitch-warnings}" in (DOCS / "bad-input.md").read_text(encoding="utf-8")
