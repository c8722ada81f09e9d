"""The claims register: each claim's card, the page that lists them all, and the register in a sentence."""

from __future__ import annotations

from . import markup
from .dates import format_date
from .markup import editor_html
from .model import VERDICTS, Claim, ClaimPlacement, Edition, paragraph_number
from .pages import CLAIMS, UNINDEXED, address, passage_marks, relative, section_heading, section_page
from .sources import sources_html
from .typography import plain, quoted_title, typeset, yaml_string

CLAIM_HEADINGS = {
    "fact": "Facts",
    "allegation": "Allegations he reports",
    "prediction": "Predictions",
    "interpretation": "Interpretations",
    "judgment": "Judgments",
}


CLAIM_MARK = "◇"


def verdicts_phrase(claim: Claim) -> str:
    if not VERDICTS[claim.type]:
        return "a judgment, registered without a verdict"
    return f"then {claim.then.verdict}, now {claim.now.verdict}"


def render_claim_cards(claims: list[ClaimPlacement], page: str) -> str:
    """The claims of a page, where the marks' popups and a reader without script find them."""
    if not claims:
        return ""
    cards = [claim_card(p, page) for p in claims]
    return (
        '<section class="claims-here" aria-label="Claims register for this page">\n'
        f'<h2 class="claims-here__title">Claims on this page</h2>\n{"".join(cards)}\n</section>'
    )


def claim_card(placed: ClaimPlacement, page: str, anchor: bool = False) -> str:
    """A claim's card: in the register (anchor) whole; under a section's text its verdicts, reasons and sources,
    with a link to the whole card for the editor's discussion of each."""
    claim = placed.claim
    e = markup.text
    # The register's cards are the ones search finds; the cards under a section's text repeat them.
    where = f"¶{paragraph_number(placed.span.paragraph_id)}"
    search = passage_marks("claim", f"Claim {placed.number} ({claim.type}, {where}) · Claims register")
    ident = f' id="{claim.id}" {search}' if anchor else f' id="card-{claim.id}"'
    parts = [
        f'<div class="claim" data-type="{claim.type}" data-then="{e(claim.then.verdict or "")}"'
        f' data-now="{e(claim.now.verdict or "")}"{ident}>',
        f'<p class="claim__head"><span class="claim__type">{e(claim.type.capitalize())}</span> · claim {placed.number}'
        f" · ¶{paragraph_number(placed.span.paragraph_id)}</p>",
        f'<p class="claim__text">{e(typeset(claim.claim))}</p>',
    ]
    for when, label, assessment in (("then", "Then (by the date of writing)", claim.then), ("now", "Now", claim.now)):
        verdict = (
            f' <strong class="verdict verdict--{when}">{e(assessment.verdict)}</strong>' if assessment.verdict else ""
        )
        reason = f" {e(typeset(assessment.reason))}" if assessment.reason else ""
        parts.append(f'<div class="claim__{when}">\n<p><span class="claim__when">{label}:</span>{verdict}.{reason}</p>')
        if anchor:
            parts.append(editor_html(assessment.note, page))
        parts.append(sources_html(assessment.sources) + "\n</div>")
    if not anchor:
        whole = f'<a href="{address(page, CLAIMS)}#{claim.id}">The whole card in the claims register</a>'
        parts.append(f'<p class="claim__more" {UNINDEXED}>{whole}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def claim_summary(claims: list[ClaimPlacement]) -> str:
    """ "Of 9 predictions, 4 borne out, …": the register in a sentence per type."""
    sentences = []
    for kind, heading in CLAIM_HEADINGS.items():
        of_kind = [p.claim for p in claims if p.claim.type == kind]
        if not of_kind:
            continue
        if not VERDICTS[kind]:
            sentences.append(f"{len(of_kind)} {heading.lower()}, registered without a verdict")
            continue
        counts = [(v, sum(1 for c in of_kind if c.now.verdict == v)) for v in VERDICTS[kind]]
        said = ", ".join(f"{n} {v}" for v, n in counts if n)
        sentences.append(f"of {len(of_kind)} {kind if len(of_kind) == 1 else heading.split()[0].lower()}, {said}")
    return "; ".join(sentences)


def render_claims_page(edition: Edition) -> str:
    """Every claim by section, each with its two verdicts; filters by type and verdict as plain links,
    which work as lists without script (each type and verdict also has its own list below)."""
    essay, placements = edition.essay, edition.placements
    claims = list(placements.claims)
    lines = [
        "---",
        'title: "The claims register"',
        "description: "
        + yaml_string(
            f"What {edition.text.author} asserted, reported, predicted and judged in {quoted_title(edition.text)},"
            f" what a reader could establish on {format_date(edition.text.written)}, and how each claim stands now."
        ),
        "---",
        "",
        "# The claims register",
        "",
        f"Every checkable statement of fact in the essay, every charge it reports, every prediction, its main"
        f" theses and its judgments: {len(claims)} claims. Each says what a careful reader could establish by"
        f" {format_date(edition.text.written)} (*then*) and what scholarship says now (*now*), with a verdict"
        " from a fixed scale for its type and the sources. Judgments are registered without a verdict. In the"
        f" text, a claim is marked {CLAIM_MARK} after its words.",
        "",
        f"In sum, judged as things stand now: {claim_summary(claims)}.",
        "{ .claims-summary }",
        "",
        "| Type | Scale of verdicts |",
        "|---|---|",
        *(f"| {t} | {', '.join(v) if v else 'no verdict: registered only'} |" for t, v in VERDICTS.items()),
        "",
        '<div class="claims-filter" hidden>'
        '<label>Type <select data-filter="type"><option value="">all</option>'
        + "".join(f'<option value="{t}">{t}</option>' for t in CLAIM_HEADINGS)
        + '</select></label> <label>Verdict now <select data-filter="now"><option value="">all</option>'
        + "".join(f'<option value="{v}">{v}</option>' for v in dict.fromkeys(v for vs in VERDICTS.values() for v in vs))
        + '</select></label> <output class="claims-filter__count" aria-live="polite"></output></div>',
        "",
        "By type: " + " · ".join(f"[{h}](#{t})" for t, h in CLAIM_HEADINGS.items()),
        "",
        "## By section { #by-section }",
        "",
    ]
    for section in essay.sections:
        here = [c for p in section.paragraphs for c in placements.in_paragraph(p.id).claims]
        if not here:
            continue
        link = relative(CLAIMS, section_page(section))
        lines += [f"### [{section_heading(section)}]({link}) {{ #claims-{section.slug} }}", ""]
        lines += [
            '<div class="claims-list">',
            *(claim_card(c, CLAIMS, anchor=True) for c in here),
            "</div>",
            "",
        ]
    for kind, heading in CLAIM_HEADINGS.items():
        of_kind = [c for c in claims if c.claim.type == kind]
        lines += [f"## {heading} {{ #{kind} }}", ""]
        if not of_kind:
            lines += ["None registered.", ""]
            continue
        scale = VERDICTS[kind] or ("",)
        for verdict in scale:
            group = [c for c in of_kind if (c.claim.now.verdict or "") == verdict]
            if not group:
                continue
            if verdict:
                lines += [f"**Now {verdict}** ({len(group)}):", ""]
            for placed in group:
                claim = placed.claim
                lines.append(
                    f"- [{plain(claim.claim)}](#{claim.id}) (¶{paragraph_number(placed.span.paragraph_id)};"
                    f" then {claim.then.verdict or 'no verdict'})"
                )
            lines.append("")
    return "\n".join(lines)
