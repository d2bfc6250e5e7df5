"""Normalisation: the same policy gives the same Markdown whatever per-request noise surrounds it, and
a new version changes exactly the section that changed."""

from __future__ import annotations

from scanner.policy_text import clean_url, normalise_policy, split_sections
from tests.policy.policy_site import URL, PolicySite


def test_two_noisy_renderings_of_one_version_normalise_identically() -> None:
    site = PolicySite()
    first, second = site.render(), site.render()
    assert first != second  # the raw pages do differ (tokens, random ids, clocks)
    md = normalise_policy(first, URL)
    assert md == normalise_policy(second, URL)
    assert md.startswith("# Privacy Policy\n\nEffective January 22, 2026.")
    assert "## Sharing your information" in md
    for noise in ("cookie", "Accept all", "Generated", "request id", "Served by", "Home", "utm_", "gclid",
                  "window.__session", "color:red"):
        assert noise not in md, noise
    assert "[Terms of Service](http://policies.loopwho.test/terms?hl=en)" in md
    assert "[FAQ](https://policies.loopwho.test/faq)" in md  # random fragment dropped


def test_normalised_markdown_is_a_fixed_point() -> None:
    md = normalise_policy(PolicySite().render(), URL)
    assert normalise_policy(md, URL) == md


def test_timestamps_and_tracking_are_removed_from_markdown_input() -> None:
    first = ("Privacy Policy\n==============\n\nLast viewed at 14:03:22\n\n* We collect   data.  \n"
             "Page generated at 2026-11-25T14:03:22Z\n\nSee [terms](https://x.test/t?utm_source=a&b=1&fbclid=Z).\n")
    second = ("# Privacy Policy\n\n\n\nLast viewed at 09:59:01\n\n- We collect data.\n"
              "Page generated at 2026-11-26T09:59:01Z\n\nSee [terms](https://x.test/t?b=1&_ga=2.1234.5678).\n")
    md = normalise_policy(first, "https://x.test/privacy")
    assert md == normalise_policy(second, "https://x.test/privacy")
    assert md == "# Privacy Policy\n\n- We collect data.\n\nSee [terms](https://x.test/t?b=1).\n"


def test_clean_url_keeps_meaningful_parameters_and_drops_tokens() -> None:
    base = "https://policies.google.com/privacy"
    assert clean_url("/privacy?hl=de&gl=at&si=AKsd8f7sdf6sdf77sd", base) == \
        "https://policies.google.com/privacy?gl=at&hl=de"
    assert clean_url("https://EXAMPLE.com:443/a;jsessionid=ABC123?utm_medium=x", base) == "https://example.com/a"
    assert clean_url("https://example.com/?ref=3f9a8b7c6d5e4f3a2b1c", base) == "https://example.com/"
    assert clean_url("javascript:void(0)", base) == ""
    assert clean_url("#section-2", base) == "https://policies.google.com/privacy#section-2"


def test_html_structure_survives_as_markdown() -> None:
    page = """<html><body><main><h1>Policy</h1><p>Intro<br>second line</p>
    <ul><li>One<li>Two<ul><li>Nested</ul></ul><ol><li>First</li><li>Second</li></ol>
    <table><tr><th>Data</th><th>Kept for</th></tr><tr><td>Searches</td><td>18 months</td></tr></table>
    <div hidden>secret banner</div><div aria-hidden="true">decor</div></main></body></html>"""
    assert normalise_policy(page, "https://x.test/") == (
        "# Policy\n\nIntro\nsecond line\n\n- One\n- Two\n  - Nested\n\n1. First\n2. Second\n\n"
        "| Data | Kept for |\n| --- | --- |\n| Searches | 18 months |\n"
    )


def test_a_published_version_changes_exactly_the_changed_section() -> None:
    site = PolicySite()
    before = split_sections(normalise_policy(site.render(), URL))
    site.publish("Sharing your information", "We share information with advertising partners.",
                 effective="March 1, 2027")
    after = split_sections(normalise_policy(site.render(), URL))
    assert [s.heading for s in before] == [s.heading for s in after] == [
        "Privacy Policy", "Information we collect", "How we use information", "Sharing your information",
        "Keeping your information"]
    changed = [b.heading for b, a in zip(before, after, strict=True) if b.sha256 != a.sha256]
    # the effective date lives in the title section; the only other change is the published one
    assert changed == ["Privacy Policy", "Sharing your information"]
    assert after[3].text == "We share information with advertising partners."


def test_sections_split_at_every_heading_and_keep_leading_text() -> None:
    sections = split_sections("Preface.\n\n# A\n\ntext a\n\n## B\n\ntext b\n")
    assert [(s.heading, s.text) for s in sections] == [("", "Preface."), ("A", "text a"), ("B", "text b")]
    renamed = split_sections("Preface.\n\n# A\n\ntext a\n\n## B2\n\ntext b\n")
    assert sections[2].sha256 != renamed[2].sha256 and sections[1].sha256 == renamed[1].sha256


def test_markup_a_browser_repairs_is_read_as_the_browser_shows_it() -> None:
    """Sloppy CMS markup, parsed the way a browser parses it (HTML's tree construction), loses no text
    and no section: a heading left unclosed ends at the next heading, and a paragraph stranded inside
    a table is shown (and kept) before it."""
    page = ("<main><h2>Sharing<p>We share nothing.</p><h2>Retention</h2>"
            "<table><tr><td>Logs</td><td>18 months</td></tr><p>We delete backups within 30 days.</p></table></main>")
    markdown = normalise_policy(page, URL)
    assert [(s.heading, s.text) for s in split_sections(markdown)] == [
        ("Sharing We share nothing.", ""),
        ("Retention", "We delete backups within 30 days.\n\n| Logs | 18 months |\n| --- | --- |"),
    ]
