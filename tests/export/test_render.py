from markdown_it import MarkdownIt

from medora.export.render import to_html, to_markdown
from medora.types import Article
from tests.export.conftest import DAPA, REFER, STATIN


def test_markdown_lists_statements_with_citation_marks_before_the_full_stop(article: Article):
    markdown = to_markdown(article)
    assert f"- {STATIN[:-1]} [1a]." in markdown
    assert f"- {REFER[:-1]} [2, 3]." in markdown


def test_markdown_nests_steps_under_their_section_in_article_order(article: Article):
    headings = [line for line in to_markdown(article).splitlines() if line.startswith("#")]
    assert headings == [
        "# Chronic kidney disease in adults \\<script>alert(1)\\</script>",
        "## Verdict: YES (model confidence 71%)",
        "## Bottom line",
        "## Assessment and diagnosis",
        "## Treatment algorithm",
        "### Step 1 — Lifestyle and cardiovascular risk",
        "### Step 3 — SGLT2 inhibitor",
        "## Evidence",
        "## References",
    ]


def test_markdown_reference_list_gives_kind_title_journal_year_and_identifiers(article: Article):
    markdown = to_markdown(article)
    assert (
        "    - [1a] **Guideline** KDIGO 2024 Clinical Practice Guideline for the Evaluation and Management of Chronic "
        "Kidney Disease. Kidney Disease Improving Global Outcomes (Kidney International). 2024. "
        "PMID 38490803 · doi:10.1016/j.kint.2023.10.018." in markdown
    )
    assert (
        "2. **Guideline** Chronic kidney disease: assessment and management (NG203). National Institute for Health "
        "and Care Excellence. 2021. https://www.nice.org.uk/guidance/ng203" in markdown
    )
    assert "*Editorial status: pending human review · Last updated 2026-11-28*" in markdown


def test_markdown_viewers_cannot_turn_data_into_tags(article: Article):
    rendered = MarkdownIt("commonmark", {"html": True}).render(to_markdown(article))
    assert "<script" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered


def test_html_escapes_markup_from_the_title_and_question(article: Article):
    page = to_html(article)
    assert "<title>Chronic kidney disease in adults &lt;script&gt;alert(1)&lt;/script&gt; · Medora</title>" in page
    assert "SGLT2 inhibitor? &lt;img src=x onerror=alert(1)&gt;</p>" in page
    assert "<script" not in page and "<img" not in page


def test_html_links_each_citation_mark_to_its_reference(article: Article):
    page = to_html(article)
    assert f'{DAPA[:-1]} <span class="cite">[<a href="#ref-1b">1b</a>]</span>.' in page
    assert '<li id="ref-1b">[1b] <strong class="kind">RCT</strong>' in page
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/38490803/">PMID 38490803</a>' in page
    assert '<a href="https://doi.org/10.1016/j.kint.2023.10.018">doi:10.1016/j.kint.2023.10.018</a>' in page


def test_html_shows_the_urgent_notice_first_and_never_links_a_non_web_url(article: Article):
    article.urgent_notice = "Seek <b>emergency</b> care."
    article.references[1].url = "javascript:alert(1)"
    page = to_html(article)
    assert '<strong>URGENT:</strong> Seek &lt;b&gt;emergency&lt;/b&gt; care.</aside>' in page
    assert page.index("URGENT:") < page.index("Bottom line")
    assert 'href="javascript' not in page
