"""Properties: whatever the text, the linter answers, and finds every marker."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint import lint_text

LINES = st.lists(
    st.one_of(
        # No control or line-separator characters: each list item is one line.
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=60),
        st.sampled_from(
            ["", "# 見出し", "- 項目", "```", "---", "> 引用", "| a | b |", "**太字", "「括弧"]
        ),
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(LINES, st.lists(st.integers(min_value=0, max_value=30), max_size=5))
def test_random_text_never_crashes_and_every_marker_is_found(lines, cuts):
    lines = [line for line in lines if line.strip() != "---END---"]
    for cut in sorted(set(cuts), reverse=True):
        lines.insert(min(cut, len(lines)), "---END---")
    text = "\n".join(lines) + "\n"
    findings = lint_text(text)
    expected = [n for n, line in enumerate(lines, 1) if line == "---END---"]
    if lines and lines[0].strip() == "---" and "---END---" in lines:
        # An opening '---' makes front matter; markers inside it are YAML, not markers.
        return
    assert sorted(f.line for f in findings if f.code == "FRG001") == expected
