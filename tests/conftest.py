"""Shared fixtures: article builders and the optional shared seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

FRONT_MATTER = """---
title: "{title}"
date: 2026-03-14 09:30:00 +0900
categories: ["技術"]
tags: ["AI", "半導体"]
author: "編集部"
excerpt: "要約です。"
reading_time: 4
---
"""


def article(body: str, title: str = "テスト記事") -> str:
    """A complete article: valid front matter, then ``body`` from line 11."""
    return FRONT_MATTER.format(title=title) + "\n" + body


@pytest.fixture
def seeds() -> list[Path]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    found = sorted(SEEDS.glob("*.txt"))
    if not found:
        pytest.skip("../shared/seeds is empty")
    return found
