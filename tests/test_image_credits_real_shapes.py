"""Image credits in the shapes real publishers' pages use (written here, not copied from them).

Each shape has a quiet case (the credit is where a reader sees it, and the check accepts it)
and a firing one (the same markup without the credit, or with the credit out of the image's
reach), so that a change which accepted everything, or nothing, fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from checkrun import findings_of, run
from pages import BODY, CREDIT, LINK, write_case

from checker.document import Image
from checker.loaders import load_file

PHOTO = "https://cdn.example.org/photos/terrarium-640.jpg"
PROSE = (
    "<p>Closed terrariums are easy to care for, as they retain much of their own moisture and "
    "provide a warm environment with a consistent level of humidity for small plants.</p>"
)


def _images(tmp_path: Path, markup: str) -> tuple[list[Image], list[str]]:
    """The article's images and the image-credit findings' messages."""
    article, source = write_case(tmp_path, markup + BODY + CREDIT + LINK)
    result = run(article, source)
    images = [image for image, _ in result.image_statuses]
    return images, [f.message for f in findings_of(result, "image-credit")]


# A credit beside the image, not inside its caption element (failure class 2).
BESIDE = {
    "figcaption after the figure": (
        f'<div class="step"><figure class="stepThumb"><img src="{PHOTO}" alt="Glass cloches"></figure>'
        '<figcaption class="small caption">Glass cloche terrariums (Lucy Akins)</figcaption></div>',
        "Lucy Akins",
    ),
    "credit span in the div after the picture's wrapper": (
        f'<div class="imagery"><div class="flex justify-center"><img src="{PHOTO}" alt="A plane"></div>'
        '<div class="mt-4 subtitle-2 font-sans"><span class="text-gray"></span>'
        '<span class="credit capitalize">Credit: lili sams/mashable</span></div></div>',
        "lili sams/mashable",
    ),
    "chart credit in the graphic's footer, past the chart's labels": (
        '<section class="interactive-embedded graphic-container"><div class="ai2html-box">'
        f'<div class="g-artboard"><img class="g-aiImg" src="{PHOTO}">'
        '<div class="g-aiAbs"><p>$915 billion</p></div><div class="g-aiAbs"><p>Interest payments</p></div></div>'
        '<div class="g-artboard"><img class="g-aiImg" src="/charts/debt-wide.png">'
        '<div class="g-aiAbs"><p>$263 billion</p></div></div></div>'
        '<footer class="interactive-footer"><p class="interactive-credit">'
        "By The New York Times | Source: Congressional Budget Office</p></footer></section>",
        "By The New York Times | Source: Congressional Budget Office",
    ),
    "a legend paragraph after the figure that holds only a name": (
        f'<div class="photo-block"><figure><img class="editorial" src="{PHOTO}" alt="A flag"></figure>'
        '<p class="legend">Vanessa Hicks</p></div>',
        "Vanessa Hicks",
    ),
    "a figcaption holding only 'Name/Outlet'": (
        f'<figure><img src="{PHOTO}" class="stretch-img"><figcaption class="t-meta">'
        '<span class="c-gray-7">Devindra Hardawar/AOL</span></figcaption></figure>',
        "Devindra Hardawar/AOL",
    ),
    "schema.org copyrightHolder with a visually hidden label repeated": (
        f'<figure><div><span class="sr-only">Image</span><img alt="" src="{PHOTO}"></div>'
        "<figcaption><span>Interest payments could surpass the defence budget.</span>"
        '<span itemprop="copyrightHolder"><span>Credit</span><span><span class="sr-only">Credit</span>'
        "<span>Jeon Heon-Kyun/EPA, via Shutterstock</span></span></span></figcaption></figure>",
        "Jeon Heon-Kyun/EPA, via Shutterstock",
    ),
    "a caption's source span": (
        f'<figure><img src="{PHOTO}"><figcaption class="caption"><span class="caption__container">'
        'Protesters outside the party headquarters.</span><span class="caption__source">'
        "Ezra Acayan / Getty Images</span></figcaption></figure>",
        "Ezra Acayan / Getty Images",
    ),
    "a <cite> beside the figcaption, as Vox Media's pages write it": (
        f'<figure class="e-image"><span class="e-image__inner"><img src="{PHOTO}"></span>'
        '<span class="e-image__meta"><figcaption>Air pollution in Delhi this week.</figcaption>'
        '<cite><a href="https://example.org/data">Berkeley Earth</a></cite></span></figure>',
        "Berkeley Earth",
    ),
    "a <cite> inside the figcaption": (
        f'<figure><img src="{PHOTO}"><figcaption>The stadium before kick-off. '
        "<cite>Photo: Kirk Irwin/Getty Images</cite></figcaption></figure>",
        "Kirk Irwin/Getty Images",
    ),
    "a caption after a wrapper whose class says it has none ('withoutCaption')": (
        f'<div class="photo"><p class="withoutCaption"><picture><img class="lazy" src="{PHOTO}" '
        'alt="Protesters"></picture></p><span class="newsCaption">Protesters in the square '
        '<span class="caption">(Image: GETTY )</span></span></div>',
        "GETTY",
    ),
    "a caption whose other class name holds a negator ('caption no-border')": (
        f'<div class="photo"><img src="{PHOTO}" alt="The harbour"></div>'
        '<div class="caption no-border">The harbour at dawn. Photo: Ana Ruiz/EFE</div>',
        "Ana Ruiz/EFE",
    ),
    "a 'no-caption' figure whose credit follows a visually hidden label": (
        f'<figure class="media-landscape no-caption full-width"><span class="image-container">'
        f'<img alt="The singer" src="{PHOTO}"><span class="off-screen">Image copyright</span>'
        '<span class="story-image-copyright">Getty Images</span></span></figure>',
        "Getty Images",
    ),
    "a gallery's data-caption, which its script shows": (
        f'<div class="gallery"><a href="{PHOTO}" data-caption="The harbour at dawn. Photo: Ana Ruiz/EFE">'
        f'<img src="{PHOTO}" alt=""></a></div>',
        "Ana Ruiz/EFE",
    ),
}


@pytest.mark.parametrize("markup, credit", BESIDE.values(), ids=BESIDE.keys())
def test_a_credit_beside_the_image_is_its_credit(tmp_path: Path, markup: str, credit: str) -> None:
    images, findings = _images(tmp_path, markup)
    assert images[0].credit == credit
    assert images[0].caption_visible
    assert findings == []


def test_a_visually_hidden_label_is_not_body_text(tmp_path: Path) -> None:
    markup, _ = BESIDE["a 'no-caption' figure whose credit follows a visually hidden label"]
    article, _ = write_case(tmp_path, markup + BODY)
    document = load_file(article)
    assert "Image copyright" not in document.body_text
    assert "Image copyright" in document.hidden_text


def test_the_credit_beside_the_image_is_not_body_text(tmp_path: Path) -> None:
    markup, _ = BESIDE["credit span in the div after the picture's wrapper"]
    article, _ = write_case(tmp_path, markup + BODY)
    assert "lili sams" not in load_file(article).body_text


FAR = {
    "prose between the image and the credit": (
        f'<div class="imagery"><img src="{PHOTO}" alt="A plane">{PROSE}'
        '<p class="credit">Credit: lili sams/mashable</p></div>'
    ),
    "a heading between the image and the credit": (
        f'<div><figure><img src="{PHOTO}"></figure><h2>What comes next</h2>'
        '<p class="legend">Vanessa Hicks</p></div>'
    ),
    "the credit belongs to the next figure": (
        f'<div><div class="wrap"><img src="{PHOTO}"></div>'
        '<figure><img src="/photos/second.jpg"><figcaption>Photo: Ana Ruiz/EFE</figcaption></figure></div>'
    ),
    "a chart with labels and no credit line": (
        f'<section class="graphic"><div class="g-artboard"><img src="{PHOTO}">'
        '<div class="g-aiAbs"><p>$915 billion</p></div></div></section>'
    ),
    "a <cite> in the prose after a figure that has none": (
        f'<div><figure><img src="{PHOTO}"></figure>'
        "<p>As <cite>The Economist</cite> put it, the harbour was never the same.</p></div>"
    ),
    "a caption with no credit in it": (
        f'<div><figure><img src="{PHOTO}"></figure>'
        '<figcaption class="caption">Glass cloche terrariums on a shelf (left)</figcaption></div>'
    ),
}


@pytest.mark.parametrize("markup", FAR.values(), ids=FAR.keys())
def test_a_credit_out_of_the_image_s_reach_does_not_count(tmp_path: Path, markup: str) -> None:
    images, findings = _images(tmp_path, markup)
    assert images[0].credit == ""
    assert len([m for m in findings if PHOTO in m]) == 1


# Images that need no credit (failure class 4): never a finding, and said why in the Document.
FURNITURE = {
    "an author's headshot in the body": (
        '<img class="post-body-headshot-left" src="https://img.example.org/mufson_steve.jpg">',
        "headshot",
    ),
    "an author box": (
        '<div class="author-bio"><img src="https://img.example.org/jane.jpg"><p>Jane writes.</p></div>',
        "headshot",
    ),
    "a share button": (
        '<div class="share-tools"><a href="https://twitter.com/intent"><img src="/img/tw.png"></a></div>',
        "share button",
    ),
    "the publisher's logo": (
        '<p><img src="https://cdn.example.org/static/logos/site.png"></p>',
        "logo or icon",
    ),
    "an ad slot": (
        '<div class="ad ad-container"><img src="https://ads.example.net/creative/123.jpg"></div>',
        "advert",
    ),
    "a share link's image, named only by the site's own words": (
        '<ul><li><a class="button-link" id="twitter" href="http://twitter.com/intent/tweet?'
        'text=A%20story&amp;url=https%3A%2F%2Fexample.org%2Fa"><img src="/theme/images/btn_tw.gif"'
        ' width="136" height="39" alt="twitter"></a></li></ul>',
        "share button",
    ),
    "an e-mail share link": (
        '<p><a href="mailto:?subject=A%20story"><img src="/theme/images/mail.png"></a></p>',
        "share button",
    ),
    "a loading spinner with no image behind it": (
        '<div id="weatherLoading"><img alt="processing..." '
        'src="//media.example.com/designimages/ajax-loader.gif"></div>',
        "loading placeholder",
    ),
    "a teaser card for another story": (
        '<div class="card"><a href="/world/2025/04/other-story"><img src="/photos/thumb.jpg">'
        "<h3>Turkey offers to host further talks</h3></a></div>",
        "teaser",
    ),
}


@pytest.mark.parametrize("markup, reason", FURNITURE.values(), ids=FURNITURE.keys())
def test_furniture_needs_no_credit(tmp_path: Path, markup: str, reason: str) -> None:
    images, findings = _images(tmp_path, markup)
    assert [image.exempt for image in images] == [reason]
    assert findings == []


@pytest.mark.parametrize(
    "markup",
    [
        f'<p><img src="{PHOTO}" alt="Kirill Dmitriev"></p>',
        # A photo linked to its full-size file is a photo, not a teaser.
        f'<p><a href="https://cdn.example.org/photos/terrarium-2000.jpg"><img src="{PHOTO}"></a></p>',
        # A chart whose file name mentions "share" is a chart, not a share button.
        '<p><img src="https://cdn.example.org/charts/debt-as-a-share-of-gdp.png"></p>',
        # A photo made pinnable: the Pinterest link wraps the story's own photo.
        '<p><a href="https://www.pinterest.com/pin/create/button/?url=https://example.org/a'
        f'&amp;media={PHOTO}"><img src="{PHOTO}"></a></p>',
        # Photos whose names hold a stand-in's word: "grey", or a loader that is a machine.
        '<p><img src="https://cdn.example.org/photos/Acknowledgements_Clip_Grey.jpg"></p>',
        '<p><img src="https://cdn.example.org/photos/front-loader.jpg"></p>',
    ],
)
def test_an_article_image_without_a_credit_still_fires(tmp_path: Path, markup: str) -> None:
    images, findings = _images(tmp_path, markup)
    assert [image.exempt for image in images] == [""]
    assert len(findings) == 1


# Lazy images (failure class 5): the real image's URL, never the placeholder.
LAZY = {
    "data-src over a placeholder": (
        '<img src="/img/lazy-loading-14x9.png" data-src="https://cdn.example.org/real.jpg">',
        "https://cdn.example.org/real.jpg",
    ),
    "a placeholder src and a srcset whose URLs hold commas": (
        '<img src="https://cdn.example.org/static/placeholder.png" '
        'srcset="https://cdn.example.org/c_fill,w_400/real.jpg 400w, '
        'https://cdn.example.org/c_fill,w_1200/real.jpg 1200w">',
        "https://cdn.example.org/c_fill,w_1200/real.jpg",
    ),
    "data-srcset only": (
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
        'data-srcset="https://cdn.example.org/a-320.jpg 320w, https://cdn.example.org/a-960.jpg 960w">',
        "https://cdn.example.org/a-960.jpg",
    ),
    "a picture's source": (
        '<picture><source srcset="https://cdn.example.org/p.avif 1x, https://cdn.example.org/p@2x.avif 2x">'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></picture>',
        "https://cdn.example.org/p@2x.avif",
    ),
    "a spinner as src, the photo in data-srcset": (
        '<img class="lazyload" src="https://media.example.com/graphics/2018/07/sr-loader.png" '
        'data-srcset="https://cdn.example.org/meth_t300.jpg 300w, '
        'https://cdn.example.org/meth_t530.jpg 530w">',
        "https://cdn.example.org/meth_t530.jpg",
    ),
    "the noscript fallback": (
        '<img class="lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<noscript><img src="https://cdn.example.org/noscript.jpg"></noscript>',
        "https://cdn.example.org/noscript.jpg",
    ),
}


@pytest.mark.parametrize("markup, src", LAZY.values(), ids=LAZY.keys())
def test_a_lazy_image_is_reported_by_its_real_url(tmp_path: Path, markup: str, src: str) -> None:
    figure = f"<figure>{markup}<figcaption>The harbour. Photo: Ana Ruiz/EFE</figcaption></figure>"
    images, findings = _images(tmp_path, figure)
    assert [image.src for image in images] == [src]
    assert findings == []
    uncredited, fired = _images(tmp_path, f"<p>{markup}</p>")
    assert [image.src for image in uncredited] == [src]
    assert len(fired) == 1 and src in fired[0]
