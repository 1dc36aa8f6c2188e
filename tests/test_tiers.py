"""The test tiers themselves: a missing prerequisite skips loudly outside CI and fails in CI."""

from __future__ import annotations

import pytest

from tests import conftest


def test_missing_prerequisite_fails_under_ci(monkeypatch):
    monkeypatch.setattr(conftest, "CI", True)
    with pytest.raises(pytest.fail.Exception, match="CI=true and the corpus mirror is not at /nowhere"):
        conftest.unavailable("the corpus mirror is not at /nowhere")


def test_missing_prerequisite_skips_loudly_outside_ci(monkeypatch):
    monkeypatch.setattr(conftest, "CI", False)
    with pytest.raises(pytest.skip.Exception, match=r"NOT RUN, Chromium is missing \(this fails under CI=true\)"):
        conftest.unavailable("Chromium is missing")


def test_corpus_and_tool_tests_are_marked_by_their_fixtures(request):
    assert {"mirror", "full_data", "app_data"} <= conftest.CORPUS_FIXTURES
    assert {"ocr", "pdftoppm", "chromium"} <= conftest.TOOL_FIXTURES
    assert request.node.get_closest_marker("corpus") is None  # this test is a unit test
