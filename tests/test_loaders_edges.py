"""The article's edges: lead media, the notes that frame the body, split bodies, marked bodies.

Each shape has a firing case (the part belongs to the article) and a quiet one (a teaser,
navigation or a dateline beside it does not). The pages are small and written for these
tests, in the shapes publishers use.
"""

from __future__ import annotations

from checker.document import Document
from checker.loaders import load_bytes

NAV = '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
TEASERS = (
    '<aside class="related"><h2>Related</h2>'
    '<a href="/other-story"><img src="/img/teaser-1.jpg" width="300" height="200">'
    "Another story about the council</a></aside>"
)
FOOTER = '<footer><img class="site-logo" src="/img/logo.png"> © Example News</footer>'


def prose(n: int, topic: str = "council") -> str:
    """n paragraphs of article-like prose, each different."""
    return "".join(
        f"<p>Paragraph {i} of the story: the {topic} met on Tuesday, and after a long debate, "
        f"members voted on measure {i}, which sets rules for budgets, parks and schools.</p>"
        for i in range(1, n + 1)
    )


def page(body: str, head: str = "") -> Document:
    html = f"<html><head><title>Story</title>{head}</head><body>{body}</body></html>"
    return load_bytes(html.encode(), "story.html", kind="html")


def body_srcs(doc: Document) -> list[str]:
    return [image.src.rsplit("/", 1)[-1] for image in doc.body_images]


def other_srcs(doc: Document) -> list[str]:
    return [image.src.rsplit("/", 1)[-1] for image in doc.images if not image.in_body]


# --- lead media above the body -------------------------------------------------------------


def test_a_lead_figure_in_a_header_above_the_article_is_a_body_image() -> None:
    doc = page(
        NAV + '<header class="story-header"><h1>Council votes on budget</h1>'
        '<figure><img src="/img/lead.jpg" alt="The council chamber">'
        "<figcaption>The council chamber on Tuesday. Photo: Jane Roe/Agency</figcaption>"
        "</figure></header>"
        f"<article>{prose(6)}</article>" + TEASERS + FOOTER
    )
    lead = next(image for image in doc.images if image.src.endswith("lead.jpg"))
    assert lead.in_body
    assert lead.credit == "Jane Roe/Agency"
    assert "teaser-1.jpg" in other_srcs(doc) and "logo.png" in other_srcs(doc)


def test_a_hero_image_just_above_the_headline_is_a_body_image() -> None:
    doc = page(
        NAV + '<div class="hero"><picture><img src="/img/hero.jpg" alt=""></picture></div>'
        '<div class="headline-box"><a href="/series">Series: oceans</a>'
        "<h1>Whales are stranding more often</h1></div>"
        f'<div class="story-text">{prose(6, "scientists")}</div>' + FOOTER
    )
    assert body_srcs(doc) == ["hero.jpg"]


def test_a_photo_between_the_headline_and_the_body_is_a_body_image() -> None:
    doc = page(
        '<div class="wrap"><h1>Ride-sharing is not sharing</h1><h2>A standfirst</h2>'
        '<div class="featured-media"><a href="/img/lead-full.jpg"><img src="/img/lead.jpg"></a>'
        '<span class="caption">Ayn Rand (Credit: AP/Jo Doe)</span></div>'
        f'<div class="story-text">{prose(6)}</div></div>' + FOOTER
    )
    assert body_srcs(doc) == ["lead.jpg"]


def test_teasers_logos_and_bylines_above_the_body_are_not_body_images() -> None:
    doc = page(
        '<header class="masthead"><img src="/img/site-logo.png" alt="Example News"></header>'
        "<h1>Council votes on budget</h1>"
        '<div class="byline"><img src="/img/author-face.jpg"> By Dana Reyes</div>'
        '<div class="share-bar"><img src="/img/share-fb.png"></div>'
        '<div class="more"><a href="/2024/other-story"><img src="/img/thumb.jpg"></a></div>'
        f'<div class="story-text">{prose(6)}</div>' + TEASERS
    )
    assert body_srcs(doc) == []
    assert {"site-logo.png", "author-face.jpg", "share-fb.png", "thumb.jpg"} <= set(other_srcs(doc))


def test_a_far_away_h1_is_not_a_headline_for_the_body() -> None:
    # A listing's h1 with a page of other text before the body: its images are not the lead.
    listing = "".join(
        f'<div class="card"><img src="/img/card-{i}.jpg"><p>Card {i} text that is long enough '
        f"to be a summary of another story, with several words in it, more than one line.</p></div>"
        for i in range(12)
    )
    doc = page(f"<h1>Latest news</h1>{listing}<div class='story-text'>{prose(8)}</div>")
    assert not any(src.startswith("card-") for src in body_srcs(doc))


# --- notes that frame the body -----------------------------------------------------------


def test_an_editors_note_just_above_the_body_is_kept() -> None:
    doc = page(
        '<section class="writer"><h5><a href="/writer/n">Nathan Jones</a></h5></section>'
        '<section class="source_section"><p class="editors_note">This post originally appeared '
        'on <a href="https://grist.example/x">Grist</a>.</p></section>'
        f"<article>{prose(5, 'coal industry')}</article>" + TEASERS
    )
    assert doc.blocks[0].text == "This post originally appeared on Grist."
    assert "Nathan Jones" not in doc.body_text
    assert any(link.text == "Grist" for link in doc.body_links)


def test_a_dateline_or_a_photo_credit_above_the_body_is_not_body_text() -> None:
    doc = page(
        '<p class="published">Published 3 January 2020, updated 4 January</p>'
        '<div class="pic-credit">Photo credit: Jo Doe</div>'
        f"<article>{prose(5)}</article>"
    )
    assert doc.blocks[0].text.startswith("Paragraph 1 of the story")
    assert "Published 3 January" not in doc.body_text and "Jo Doe" not in doc.body_text


# --- a body split around a "Read more" button ----------------------------------------------


def test_a_read_more_split_body_keeps_its_first_part_and_lead_caption() -> None:
    # The first part and the button sit in a "read more" wrapper; the rest follows it.
    doc = page(
        NAV + "<main><h1>Council votes on budget</h1><div class='article-body'>"
        '<div class="read-more-container"><div class="content">'
        '<figure><img src="/img/lead.jpg"><figcaption>The chamber. Photo: Jane Roe/Agency'
        f"</figcaption></figure>{prose(2, 'mayor')}</div>"
        '<button class="read-more">Read more</button></div>'
        f'<div class="content">{prose(8)}</div></div></main>' + TEASERS + FOOTER
    )
    assert doc.body_text.startswith("Paragraph 1 of the story: the mayor met")
    assert "Paragraph 8 of the story: the council met" in doc.body_text
    (lead,) = doc.body_images
    assert lead.src.endswith("lead.jpg") and lead.credit == "Jane Roe/Agency"
    assert lead.caption.startswith("The chamber.")
    assert "Another story about the council" not in doc.body_text


def test_a_read_more_teaser_list_is_still_not_body() -> None:
    doc = page(
        f'<article><div class="story-text">{prose(6)}</div>'
        '<div class="read-more"><h3>Read more</h3><ul>'
        '<li><a href="/a">Budget talks stall again after the vote in the council</a></li>'
        '<li><a href="/b">Parks get new rules for the summer season in the city</a></li>'
        "</ul></div></article>"
    )
    assert "Budget talks stall" not in doc.body_text
    assert doc.body_text.endswith("parks and schools.")


# --- the page's own marking of its body ------------------------------------------------------


def test_images_inside_itemprop_article_body_are_body_images() -> None:
    gallery = "".join(
        f'<figure><img src="/img/gallery-{i}.jpg"><figcaption>Picture {i}: a long description '
        f"of what the photograph shows, the place, the people in it and what they were doing "
        f"there on the day, with more words. Photo: Ann Lee/Agency</figcaption></figure>"
        for i in range(8)
    )
    doc = page(
        f'<div itemprop="articleBody"><div class="text">{prose(4)}</div>'
        f'<div class="gallery">{gallery}</div></div>' + TEASERS
    )
    assert [f"gallery-{i}.jpg" for i in range(8)] == [
        src for src in body_srcs(doc) if src.startswith("gallery")
    ]
    assert "teaser-1.jpg" in other_srcs(doc)


def test_a_teaser_inside_the_marked_body_is_not_a_body_image() -> None:
    doc = page(
        f'<div itemprop="articleBody">{prose(6)}'
        '<div class="related-links"><a href="/other"><img src="/img/rel.jpg">Other story</a></div>'
        "</div>"
    )
    assert "rel.jpg" not in body_srcs(doc)


# --- section anchors are not class names -----------------------------------------------------


def test_a_section_whose_id_is_its_headings_slug_is_not_a_share_bar() -> None:
    sections = "".join(
        f'<div class="section" id="sharing-with-a-{word}-developer"><h2>Sharing with a {word} '
        f"developer</h2>{prose(3, word + ' team')}</div>"
        for word in ("single", "second", "third")
    )
    doc = page(f'<div class="content">{sections}</div>')
    for word in ("single", "second", "third"):
        assert f"the {word} team met" in doc.body_text
    quiet = page(
        f'<article>{prose(6)}<div id="share-buttons-top"><a href="https://x.example/share">'
        "Share this story on X</a></div></article>"
    )
    assert "Share this story" not in quiet.body_text


def test_a_source_line_in_a_byline_box_after_the_body_is_kept() -> None:
    doc = page(
        f'<article><div class="story-text">{prose(6)}'
        '<div class="backlink"><div class="backlink__author">Source: Reuters/dpa</div></div>'
        '<div class="author-box">By Dana Reyes, Berlin</div></div></article>'
    )
    assert doc.blocks[-1].text == "Source: Reuters/dpa"
    assert "Dana Reyes" not in doc.body_text
    quiet = page(
        f'<article><div class="story-text"><p class="meta">A policy to save water led to the '
        f"rise of a major source of air pollution.</p>{prose(6)}</div></article>"
    )
    assert "major source" not in quiet.body_text


def test_a_list_of_linked_items_between_the_articles_paragraphs_stays() -> None:
    items = "".join(
        f'<li>Ann Lee <a href="https://bugs.example/{i}">fixed the crash in the editor {i}</a> '
        "for good</li>"
        for i in range(4)
    )
    doc = page(f"<article>{prose(3)}<h3>New contributors</h3><ul>{items}</ul>{prose(3)}</article>")
    assert "fixed the crash in the editor 3 for good" in doc.body_text
    quiet = page(
        f"<article>{prose(6)}<ul>"
        + "".join(f'<li><a href="/s/{i}">Another headline number {i}</a></li>' for i in range(4))
        + "</ul></article>"
    )
    assert "Another headline" not in quiet.body_text


def test_chart_labels_laid_over_a_picture_are_not_body_text() -> None:
    labels = "".join(
        f'<div class="label" style="top:{10 * i}%;margin-top:-9px;left:5.4%;width:40px;">'
        f"<p>{value}</p></div>"
        for i, value in enumerate(("100", "%", "RECESSIONS", "PROJECTED", "’17"))
    )
    doc = page(
        f"<article>{prose(3)}<figure><div class='artboard'><img src='/img/chart.png'>{labels}"
        "</div><figcaption>By The Example Times | Source: Budget Office</figcaption></figure>"
        f"{prose(2, 'senate')}"
        '<p style="top:10%;left:5%">A positioned paragraph with no picture under it stays.</p>'
        "</article>"
    )
    assert "RECESSIONS" not in doc.body_text and "PROJECTED" not in doc.body_text
    assert body_srcs(doc) == ["chart.png"]
    assert "A positioned paragraph with no picture under it stays." in doc.body_text


def test_a_link_classed_popup_inside_a_sentence_keeps_its_words() -> None:
    doc = page(
        f"<article>{prose(3)}<p>I am a <a class='popup' href='javascript:void(0)'>rather "
        "elderly</a> man, and my work for the last thirty years has brought me into contact "
        "with many people.</p>"
        f"<div class='popup'><a href='/subscribe'>Subscribe now</a></div>{prose(2)}</article>"
    )
    assert "I am a rather elderly man" in doc.body_text
    assert "Subscribe now" not in doc.body_text


def test_a_headline_in_an_h2_that_carries_the_title_opens_the_lead_region() -> None:
    doc = page(
        NAV + '<div class="top"><h2 class="story-title">Whales are stranding more often</h2>'
        '<div class="media"><img src="/img/whales.jpg"></div></div>'
        f'<div class="story-text">{prose(6)}</div>' + FOOTER,
        head="<meta property='og:title' content='Whales are stranding more often'>",
    )
    assert body_srcs(doc) == ["whales.jpg"]
    quiet = page(
        NAV + '<div class="top"><h2>Latest from our reporters</h2>'
        '<div class="media"><img src="/img/whales.jpg"></div></div>'
        f'<div class="story-text">{prose(6)}</div>' + FOOTER,
        head="<meta property='og:title' content='Whales are stranding more often'>",
    )
    assert body_srcs(quiet) == []


def test_the_picture_the_page_names_as_its_own_is_a_body_image() -> None:
    summary = "".join(
        f"<p>{i}: a long introduction to the section, with words.</p>" for i in range(30)
    )
    body = (
        '<div class="hero"><img src="https://cdn.example/photos/2024/whale-stranding.jpg?w=1200">'
        f"</div><div class='intro'>{summary}</div><h1>Whales</h1>"
        f'<div class="story-text">{prose(8)}</div>'
    )
    named = page(
        body, head="<meta property='og:image' content='https://cdn.example/o/whale-stranding.jpg'>"
    )
    assert body_srcs(named) == ["whale-stranding.jpg?w=1200"]
    assert body_srcs(page(body)) == []


def test_a_photo_with_a_linked_credit_inside_the_marked_body_stays_a_body_image() -> None:
    photo = (
        '<div class="img-wrap"><img src="/img/photo.jpg"><span class="photo-credit">'
        '<a href="/people/jane">Jane Roe/Agency</a></span></div>'
    )
    tags = (
        '<div class="keywords"><img src="/img/tag-icon.gif">'
        + ", ".join(f'<a href="/tag/{i}">tag {i}</a>' for i in range(5))
        + "</div>"
    )
    teaser = '<div class="box"><a href="/other/story"><img src="/img/t.jpg">Other story</a></div>'
    for open_tag, close_tag in (
        ('<div itemprop="articleBody">', "</div>"),
        ("<article>", "</article>"),
    ):
        doc = page(f"{open_tag}{prose(3)}{photo}{prose(3)}{tags}{teaser}{close_tag}")
        assert body_srcs(doc) == ["photo.jpg"]
        assert doc.body_images[0].credit == "Jane Roe/Agency"


def test_a_more_news_box_of_teaser_summaries_is_not_a_body_part() -> None:
    summaries = "".join(
        f"<article><header><a href='/s/{i}'>Teaser headline {i}</a></header><p>Summary {i} of "
        "another story, written as prose, long enough to look like a paragraph of text.</p>"
        "<a class='read-more' href='/s/1'>Read More</a></article>"
        for i in range(4)
    )
    doc = page(
        f"<div class='site-content'><article>{prose(6)}</article>"
        f"<div class='more-news'><h2>More in Local News</h2>{summaries}</div></div>"
    )
    assert "Summary 2 of another story" not in doc.body_text


def test_a_credit_box_just_after_a_picture_is_not_pruned_by_its_class() -> None:
    doc = page(
        f"<article>{prose(3)}<div class='media'><div class='frame'><img src='/img/plane.jpg'>"
        "</div><div class='subtitle-2'><span class='credit'>Credit: Lili Sams/Example</span>"
        f"</div></div>{prose(3)}<div class='subtitle-2'>Sign up for our daily briefing</div>"
        "</article>"
    )
    (photo,) = doc.body_images
    assert photo.credit == "Lili Sams/Example"
    assert "Sign up for our daily briefing" not in doc.body_text


def test_an_editors_note_above_a_grid_row_that_holds_the_body_is_kept() -> None:
    sidebar = "".join(
        f"<p>Sidebar item {i}: a short promo text for the site.</p>" for i in range(6)
    )
    doc = page(
        '<div class="main"><p class="editor-note">This story was originally published by '
        'ProPublica.</p><div class="row"><div class="col-8"><div class="entry-content">'
        f'{prose(6)}</div></div><div class="col-4 rail">{sidebar}</div></div></div>'
    )
    assert doc.blocks[0].text == "This story was originally published by ProPublica."
    quiet = page(
        '<div class="main"><p class="editor-note">This story was originally published by '
        'ProPublica.</p><h2>Our other sections</h2><div class="row"><div class="col-8">'
        f'<div class="entry-content">{prose(6)}</div></div>'
        f'<div class="col-4 rail">{sidebar}</div></div></div>'
    )
    assert "ProPublica" not in quiet.body_text


def test_a_layout_wrappers_class_says_nothing_about_the_lead_photo() -> None:
    doc = page(
        '<div class="layout has-sidebar"><h1>Council votes on budget</h1>'
        '<div class="lead"><img src="/img/lead.jpg"></div>'
        f'<div class="story-text">{prose(6)}</div><div class="sidebar">'
        '<img src="/img/promo.jpg"></div></div>'
    )
    assert body_srcs(doc) == ["lead.jpg"]


def test_an_author_card_after_the_body_is_not_a_caption() -> None:
    doc = page(
        f"<article><div class='story-text'><img src='/img/in-text.jpg'>{prose(6)}</div>"
        "<aside class='author'><figure class='author__img'><img src='/img/face.jpg'></figure>"
        "<div class='author__text'><h4>About the author</h4><div class='caption'>Scott C. "
        "writes about ads.</div></div></aside></article>"
    )
    assert body_srcs(doc) == ["in-text.jpg"]
    assert "About the author" not in doc.body_text
