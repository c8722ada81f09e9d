"""Each page's metadata as data for its front matter: Open Graph, Highwire citation tags, schema.org.

The generator writes it; a short template block (overrides/main.html) prints it, so every renderer
that lays out the pages publishes the same metadata and nothing rewrites the built HTML.
"""

from __future__ import annotations

import json

from .dates import format_date, us_date
from .model import Edition
from .pages import CLAIMS, published, section_page
from .typography import typeset


def essay_page(path: str) -> bool:
    return path in ("index.md", "full-text.md") or path.startswith("essay/")


def page_metadata(edition: Edition, page: str, title: str, description: str, site_url: str) -> dict:
    """{"edition_meta": [[attribute, key, content], ...], "edition_jsonld": str or None} for one page."""
    text, record = edition.text, edition.record
    url = published(site_url, page)
    is_essay = essay_page(page)
    site_name = typeset(text.short_title)
    tags = [
        ["property", "og:title", title],
        ["property", "og:description", description],
        ["property", "og:type", "article" if is_essay else "website"],
        ["property", "og:site_name", site_name],
        ["property", "og:url", url],
        ["name", "dcterms.license", record.licence.url],
        ["name", "edition.version", record.version],
        ["name", "edition.title", record.title],
    ]
    jsonld = None
    if is_essay:
        first, _, last = text.pages.partition("–")
        given, _, surname = text.author.rpartition(" ")
        tags += [
            ["name", "citation_title", typeset(text.title)],
            ["name", "citation_author", f"{surname}, {given}"],
            ["name", "citation_publication_date", text.published.replace("-", "/")],
            ["name", "citation_journal_title", text.periodical],
            ["name", "citation_volume", text.volume],
            ["name", "citation_issue", text.number],
            ["name", "citation_firstpage", first],
            ["name", "citation_lastpage", last or first],
            ["name", "citation_language", text.language],
            ["name", "citation_public_url", url],
            ["name", "citation_fulltext_html_url", url],
        ]
        jsonld = json.dumps(article_json_ld(edition, url, site_url), sort_keys=True, ensure_ascii=False)
        jsonld = jsonld.replace("</", "<\\/")  # never end the script element early
        cite = json.dumps(citation_parts(edition), sort_keys=True, ensure_ascii=False).replace("</", "<\\/")
    else:
        cite = None
    reviews = claim_reviews(edition, page, site_url)
    claims_jsonld = json.dumps(reviews, sort_keys=True, ensure_ascii=False).replace("</", "<\\/") if reviews else None
    return {
        "edition_meta": tags,
        "edition_jsonld": jsonld,
        "edition_claims_jsonld": claims_jsonld,
        "edition_cite": cite,
    }


def citation_parts(edition: Edition) -> dict[str, str]:
    """What a paragraph's citation says before its number and after it, in the Chicago form the Cite control
    and the About page give: the printing (a quoted title's own quotation marks turn single) and the edition."""
    text, record = edition.text, edition.record
    return {
        "author": text.author,
        "title": typeset(text.title).replace("“", "‘").replace("”", "’"),
        "journal": text.periodical,
        "issue": f"{text.volume}, no. {text.number} ({us_date(text.published)})",
        "edition": typeset(record.title),
        "version": record.version,
    }


def claim_reviews(edition: Edition, page: str, site_url: str) -> list[dict]:
    """schema.org ClaimReview for each claim, once, on the claims register, where the whole review is (each one's
    appearance is its paragraph); the section pages carry only the short cards, and every byte of data repeated
    there would be downloaded by every reader."""
    placed = list(edition.placements.claims) if page == CLAIMS else []
    text, record = edition.text, edition.record
    reviews = []
    for p in placed:
        claim = p.claim
        paragraph_page = published(site_url, section_page(edition.essay.section_of(p.span.paragraph_id)))
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"{published(site_url, CLAIMS)}#{claim.id}",
                "claimReviewed": claim.claim,
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"@type": "Person", "name": text.author},
                    "datePublished": text.published,
                    "appearance": {"@type": "CreativeWork", "url": f"{paragraph_page}#{p.span.paragraph_id}"},
                },
                "author": {"@type": "Organization", "name": record.publisher},
                "datePublished": record.released,
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": claim.now.verdict or "registered without a verdict",
                    "ratingExplanation": claim.now.reason or "",
                },
                "reviewBody": f"{claim.type}; then: {claim.then.verdict or 'no verdict'};"
                f" now: {claim.now.verdict or 'no verdict'}",
            }
        )
    return reviews


def article_json_ld(edition: Edition, page_url: str, site_url: str) -> dict:
    """schema.org: the essay as printed, and this edition of it (a CreativeWork with its own version)."""
    text, record = edition.text, edition.record
    first, _, last = text.pages.partition("–")
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": typeset(text.title),
        "name": typeset(text.title),
        "author": {"@type": "Person", "name": text.author},
        "dateCreated": text.written,
        "datePublished": text.published,
        "inLanguage": text.language,
        "pageStart": first,
        "pageEnd": last or first,
        "pagination": text.pages.replace("–", "-"),
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": text.number,
            "datePublished": text.published,
            "isPartOf": {
                "@type": "PublicationVolume",
                "volumeNumber": text.volume,
                "isPartOf": {"@type": "Periodical", "name": text.periodical},
            },
        },
        "copyrightNotice": text.notice,
        "creditText": credit(edition),
        "url": page_url,
        "mainEntityOfPage": page_url,
        "workExample": {
            "@type": "CreativeWork",
            "name": record.title,
            "url": site_url,
            "version": record.version,
            "datePublished": record.released,
            "publisher": {"@type": "Organization", "name": record.publisher},
            "editor": [{"@type": "Organization", "name": e.name} for e in record.editors],
            "contributor": [{"@type": "Person", "name": c.name, "description": c.role} for c in record.contributors],
            "license": record.licence.url,
            "codeRepository": record.repository,
        },
    }


def credit(edition: Edition) -> str:
    text = edition.text
    return (
        f"Transcription edited by {text.transcriber}, {text.transcription_publisher}, {text.transcription_place},"
        f" {text.transcription_year}. {text.notice}"
    )


def citation(edition: Edition) -> dict:
    """What the Cite control needs, as data for the front end."""
    text, record = edition.text, edition.record
    return {
        "author": text.author,
        "title": typeset(text.title).replace("“", "‘").replace("”", "’"),
        "journal": text.periodical,
        "volume": text.volume,
        "issue": text.number,
        "published": format_date(text.published),
        "edition": record.title,
        "version": record.version,
    }
