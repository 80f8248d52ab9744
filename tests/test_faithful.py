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
    ("directives/index.html", ["“trước hết”", "“thứ hai”", "“thứ ba”", "cấp thiết, cấp bách",
                               "nhấn mạnh thêm", "3 cụm", "15 nhiệm vụ", "Dự thảo Báo cáo"]),
    ("en/directives/index.html", ["“first”", "“second”", "“third”", "urgent and pressing requirements",
                                  "further stressed", "three groups", "15 main tasks", "Draft Report"]),
])
def test_directives_keep_their_ordinals_and_origin(built_site, page, words):
    """The agreement says the Secretary agreed with the Draft Report's groups of tasks and stressed
    further some urgent requirements (nothing says they were new: tests/test_wording.py), and keeps
    the article's ordinals."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
    text = soup.find(id="draft-report-agreement").get_text(" ", strip=True)
    assert [w for w in words if w not in text] == []


@pytest.mark.parametrize("page,words", [
    ("shortcomings/index.html", ["cán bộ trẻ", "trung tâm điều hành", "vị trí việc làm", "quy hoạch", "đất đai",
                                 "trật tự đô thị", "úng ngập", "ùn tắc giao thông", "vệ sinh môi trường",
                                 "rác thải", "nước thải", "nước sạch sinh hoạt", "phòng cháy", "chữa cháy",
                                 "chẳng hạn", "“thứ hai”", "“thứ ba”"]),
    ("en/shortcomings/index.html", ["young cadres", "operations centre", "job positions", "planning", "land",
                                    "urban order", "waterlogging", "traffic congestion", "environmental sanitation",
                                    "solid waste", "wastewater", "clean domestic water", "fire prevention",
                                    "firefighting", "such as", "“second”", "“third”"]),
])
def test_every_list_member_is_kept(built_site, page, words):
    text = _text(built_site, page)
    assert [w for w in words if w not in text] == []


# --- Facts that must survive in both languages (issue 9) -------------------------------------

def _soup(site, page: str):
    from bs4 import BeautifulSoup
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("page,facts", [
    ("results/index.html", ["712 dự án", "4 điểm", "30 tháng 6 năm 2023", "kỳ họp tháng 10 năm 2023", "3 lĩnh vực",
                            "2,9 (bài báo không ghi đơn vị)", "tương đương 50 tỷ đô la Mỹ", "409 tỷ đô la Mỹ",
                            "141,8 triệu đồng mỗi người mỗi năm", "tăng 10,6% so với năm 2021", "5,08%", "3,32%",
                            "khóa XVII"]),
    ("en/results/index.html", ["712 land-use projects", "four sites", "30 June 2023", "October 2023 session",
                               "three fields", "2.9 (no unit given in the article)", "equivalent to USD 50 billion",
                               "USD 409 billion", "141.8 million dong per person per year",
                               "up 10.6% on 2021", "5.08%", "3.32%", "17th tenure"]),
    ("shortcomings/index.html", ["5 đề án"]),
    ("en/shortcomings/index.html", ["five unfinished schemes"]),
    ("directives/index.html", ["3 cụm", "15 nhiệm vụ", "cuối năm 2023", "năm 2024", "2020–2025", "10 chương trình",
                               "Đại hội XVII", "Đại hội XIII", "Ban Tổ chức Thành ủy"]),
    ("en/directives/index.html", ["three groups", "15 main tasks", "late 2023", "into 2024", "2020–2025",
                                  "all 10 major work programmes", "17th Congress of the Hanoi Party Organisation",
                                  "13th National Party Congress", "Organisation Board of the Hanoi Party Committee"]),
])
def test_every_figure_and_date_is_kept(built_site, page, facts):
    text = _text(built_site, page)
    assert [f for f in facts if f not in text] == []


def _block(soup, element_id: str) -> str:
    """The text of a point (its <li>) or of an item (what follows its heading, up to the next one)."""
    element = soup.find(id=element_id)
    if element.name not in {"h2", "h3", "h4"}:
        return element.get_text(" ", strip=True)
    parts = []
    for sibling in element.find_next_siblings():
        if sibling.name in {"h2", "h3", "h4"}:
            break
        parts.append(sibling.get_text(" ", strip=True))
    return " ".join(parts)


LIST_MEMBERS = {
    "vi": {
        "results/index.html": {
            "ring-road-4": ["4 điểm", "30 tháng 6 năm 2023"],
            "capital-law-and-planning": ["Luật Thủ đô", "Quy hoạch Thủ đô Hà Nội thời kỳ 2021–2030",
                                         "Điều chỉnh tổng thể Quy hoạch chung xây dựng Thủ đô", "tháng 10 năm 2023"],
            "priority-investment": ["3 lĩnh vực", "y tế", "giáo dục", "di tích văn hóa lịch sử"],
            "non-budget-land-projects": ["712 dự án", "vốn ngoài ngân sách"],
        },
        "directives/index.html": {
            "learn-from-models": ["kinh tế – xã hội", "an ninh – quốc phòng", "xây dựng Đảng và hệ thống chính trị"],
            "scheme-examples": ["chung cư cũ", "tài sản công", "phân cấp, ủy quyền", "dự án triển khai chậm"],
            "pressing-civic-issues": ["an sinh xã hội", "vỉa hè và lòng đường", "úng ngập", "ùn tắc giao thông",
                                      "ô nhiễm môi trường"],
            "theme-2023": ["Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển"],
        },
    },
    "en": {
        "en/results/index.html": {
            "ring-road-4": ["four sites", "30 June 2023"],
            "capital-law-and-planning": ["Law on the Capital", "Hanoi Capital Planning for 2021–2030",
                                         "General Construction Master Plan", "October 2023"],
            "priority-investment": ["three fields", "health", "education", "historical and cultural heritage sites"],
            "non-budget-land-projects": ["712 land-use projects", "outside the state budget"],
        },
        "en/directives/index.html": {
            "learn-from-models": ["socio-economic development", "security and defence",
                                  "building the Party and the political system"],
            "scheme-examples": ["old apartment buildings", "public assets",
                                "decentralisation and delegation of authority", "delayed projects"],
            "pressing-civic-issues": ["social welfare", "pavements and roadways", "waterlogging",
                                      "traffic congestion", "environmental pollution"],
            "theme-2023": ["Discipline, responsibility, action, creativity, development"],
        },
    },
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_list_member_of_results_and_directives_is_kept(built_site, lang):
    missing = []
    for page, items in LIST_MEMBERS[lang].items():
        soup = _soup(built_site, page)
        for item_id, members in items.items():
            text = _block(soup, item_id)
            missing += [(item_id, m) for m in members if m not in text]
    assert missing == []


@pytest.mark.parametrize("page,ordinals", [
    ("directives/index.html", ["Trước hết,", "Thứ hai,", "Thứ ba,"]),
    ("en/directives/index.html", ["First,", "Second,", "Third,"]),
])
def test_each_directive_opens_with_the_articles_ordinal(built_site, page, ordinals):
    soup = _soup(built_site, page)
    for directive_id, ordinal in zip(["take-stock", "lead-by-example", "strategic-schemes"], ordinals, strict=True):
        summary = soup.find(id=directive_id).find_next_sibling("p")
        assert summary.get_text(" ", strip=True).startswith(ordinal), (directive_id, summary)


@pytest.mark.parametrize("page,words", [
    ("index.html", ["yêu cầu mọi cấp, mọi ngành", "đánh giá cao kết quả của việc thực hiện Chương trình",
                    "ba yêu cầu cấp thiết"]),
    ("en/index.html", ["required all levels and sectors", "of the results of implementing the Programme",
                       "urgent requirements"]),
])
def test_the_lead_says_required_and_results(built_site, page, words):
    text = _text(built_site, page)
    assert [w for w in words if w not in text] == []


@pytest.mark.parametrize("page,expected", [
    ("shortcomings/index.html", [["trước hết"], ["thứ hai", "thứ ba", "gộp"], ["đoạn đầu tiên", "không đánh số"],
                                 ["ngoài ra"], ["hai đoạn không đánh số cuối"]]),
    ("en/shortcomings/index.html", [["first"], ["second", "third", "merged"], ["first", "unnumbered"],
                                    ["in addition"], ["last two unnumbered"]]),
])
def test_each_area_says_which_part_of_the_article_it_draws_on(built_site, page, expected):
    soup = _soup(built_site, page)
    shown = [p.get_text(" ", strip=True).lower() for p in soup.select("p.report-draws-on")]
    assert len(shown) == 5
    for text, words in zip(shown, expected, strict=True):
        assert [w for w in words if w not in text] == [], text


@pytest.mark.parametrize("page,detail,bar", [
    ("results/index.html", "GDP cả nước: 3,32%", "GDP cả nước"),
    ("en/results/index.html", "the country's GDP: 3.32%", "The country's GDP"),
])
def test_national_q1_figure_is_labelled_gdp(built_site, page, detail, bar):
    soup = _soup(built_site, page)
    text = _text(built_site, page)
    assert detail in text
    chart = soup.find(id="chart-grdp-growth-q1-2023-title").find_parent("svg")
    assert bar in chart.get_text(" ", strip=True) and "GRDP cả nước" not in text and "country's GRDP" not in text


@pytest.mark.parametrize("page,planned", [("about/index.html", "dự kiến"), ("en/about/index.html", "planned")])
def test_the_year_note_calls_the_groundbreaking_planned(built_site, page, planned):
    note = _soup(built_site, page).find(id="note-year").get_text(" ", strip=True)
    assert planned in note and not re.search(r"\bheld\b|đã diễn ra|đã khởi công", note)


def test_no_page_calls_the_speaker_a_bare_party_secretary(built_site):
    for page in sorted(built_site.rglob("*.html")):
        assert "Party Secretary" not in page.read_text(encoding="utf-8"), page
