"""Faithful and in the site's own words: checked on the real built site against the source article."""
import html
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

html_lib = html.unescape

OWN_WORDS = ROOT.parent / "shared" / "tools" / "own_words.py"


def _text(site, page: str) -> str:
    page_html = (site / page).read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html_lib(re.sub(r"<[^>]+>", " ", page_html)))


def test_own_words_limits_hold(built_site):
    if not OWN_WORDS.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{OWN_WORDS} is missing in CI")
        pytest.skip("shared/own_words.py is not beside the clone")
    result = subprocess.run([sys.executable, str(OWN_WORDS), str(built_site)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("page,phrase", [
    ("index.html", "trang này xếp chúng thành năm nhóm"),
    ("en/index.html", "this site groups them into five areas"),
    ("shortcomings/index.html", "cách chia thành năm nhóm dưới đây là của trang này"),
    ("en/shortcomings/index.html", "the grouping into five areas below is this site's own"),
])
def test_the_five_areas_are_the_sites_grouping(built_site, page, phrase):
    assert phrase in _text(built_site, page)


@pytest.mark.parametrize("page", ["index.html", "en/index.html", "shortcomings/index.html",
                                  "en/shortcomings/index.html"])
def test_no_page_credits_the_grouping_to_the_speaker(built_site, page):
    text = _text(built_site, page)
    assert not re.search(r"(set out|gave|listed) five areas|chỉ ra năm nhóm|nêu năm nhóm", text)
    assert "Party Secretary" not in text


@pytest.mark.parametrize("page,words", [
    ("directives/index.html", ["Trước hết", "Thứ hai", "Thứ ba", "yêu cầu nhiệm vụ cấp thiết, cấp bách",
                               "3 cụm", "15 nhiệm vụ"]),
    ("en/directives/index.html", ["First", "Second", "Third", "urgent and pressing requirements",
                                  "3 groups", "15 main tasks"]),
])
def test_directives_keep_their_ordinals_and_origin(built_site, page, words):
    text = _text(built_site, page)
    assert [w for w in words if w not in text] == []


@pytest.mark.parametrize("page,words", [
    ("shortcomings/index.html", ["cán bộ trẻ", "trung tâm điều hành", "vị trí việc làm", "quy hoạch", "đất đai",
                                 "trật tự đô thị", "úng ngập", "ùn tắc giao thông", "vệ sinh môi trường",
                                 "rác thải", "nước thải", "nước sạch sinh hoạt", "phòng cháy", "chữa cháy",
                                 "chẳng hạn", "thứ hai và thứ ba"]),
    ("en/shortcomings/index.html", ["young cadres", "operations centre", "job positions", "planning", "land",
                                    "urban order", "waterlogging", "traffic congestion", "environmental sanitation",
                                    "solid waste", "wastewater", "clean domestic water", "fire prevention",
                                    "firefighting", "such as", "second and third"]),
])
def test_every_list_member_is_kept(built_site, page, words):
    text = _text(built_site, page)
    assert [w for w in words if w not in text] == []


@pytest.mark.parametrize("page,label", [("results/index.html", "mức tăng GDP, không phải GRDP"),
                                        ("en/results/index.html", "is GDP growth, not GRDP")])
def test_national_q1_figure_is_labelled_gdp(built_site, page, label):
    assert label in _text(built_site, page)
