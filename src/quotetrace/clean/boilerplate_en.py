"""English boilerplate lexicon: lines that belong to the page around an article, not to it.

Data only, grouped by concept; ``clean.boilerplate`` compiles it once. Every pattern is matched
against a whole stripped line (``re.fullmatch``, case-insensitive), so a sentence that merely
contains "read" or "share" is never cut. Adding a language is adding a sibling module.
"""

from __future__ import annotations

# Whole lines, compared after casefolding and stripping decoration ("- Advertisement -").
AD_MARKERS: tuple[str, ...] = (
    "ad",
    "advert",
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "paid content",
    "promoted",
    "promoted content",
    "story continues below",
    "story continues below advertisement",
    "article continues below advertisement",
    "article continues below",
    "continue reading below",
    "continue reading the main story",
    "skip advertisement",
    "scroll to continue with content",
    "content continues below",
)

# Calls to action: share, subscribe, donate, click here, read more, follow us.
PROMPT_PATTERNS: tuple[str, ...] = (
    # "... click here for more information", "Tap here to watch"
    r".{0,300}\b(?:click|tap) here\b.{0,120}",
    # "If you would like to donate to the Red Cross ..., visit redcross.org for more information"
    (
        r"if you (?:would like|want|wish) to (?:donate|help|support|subscribe|contribute)\b.{0,300}"
        r"(?:for more (?:information|details)|\bhere|\bvisit \S+)\W*"
    ),
    # "Please donate today", "Support our journalism: ..."
    (
        r"(?:please )?(?:consider )?(?:donate|support us|support our journalism"
        r"|support independent journalism)\b.{0,200}"
    ),
    # "Read more: ...", "See also", "Related stories", "WATCH: ..."
    (
        r"(?:read more|read next|read also|also read|see also|more on this story|more on this"
        r"|related(?: stories| articles| coverage| content| reading| links)?"
        r"|recommended(?: for you| reading| stories)?|most read|most popular|watch|listen"
        r"|video|trending(?: now)?)\s*(?:[:|»›→>–—-]\s*.*)?"
    ),
    # "Share this article", "Share on Facebook"
    (
        r"share(?: this| the)?(?: article| story| page| post| link)?"
        r"(?: on (?:facebook|twitter|x|whatsapp|linkedin|email|reddit|bluesky|threads))?"
        r"(?: via .*)?\W*"
    ),
    # a row of share buttons: "Facebook Twitter Email Print"
    (
        r"(?:(?:share|facebook|twitter|whatsapp|linkedin|e-?mail|print|copy link|pinterest"
        r"|reddit|messenger|telegram|comments?|flipboard|bluesky)[\s,|/·•]*)+"
    ),
    # newsletters and subscriptions
    r"(?:sign up|subscribe|register|get|join)\b.{0,100}\bnewsletters?\b.{0,150}",
    r"(?:subscribe|sign up)(?: now| today| here| for free)?\W*",
    r"subscribe (?:to|for)\b.{0,150}",
    # "Follow us on Twitter", "Follow Jane Harper on X @jharper"
    r"(?:follow|like|join) us (?:on|at)\b.{0,150}",
    (
        r"follow (?:\S+ ){1,4}on (?:twitter|x|facebook|instagram|tiktok|threads|bluesky|linkedin)"
        r"\b.{0,80}"
    ),
    # page furniture
    r"(?:©|\(c\)|copyright ©?)\s*(?:\d{4}|all rights)\b.{0,150}",
    r".{0,120}\ball rights reserved\W*",
    r"we use cookies\b.{0,300}",
)

# Photo and video credits: "Photo: Reuters", "(Image: Getty Images)", "Picture: AP".
CREDIT_PATTERNS: tuple[str, ...] = (
    (
        r"[(\[]?\s*(?:photo(?:graph)?s?|images?|pictures?|pic|credit|photo credit|image credit"
        r"|picture credit|image source|video credit)\s*[:/]\s*[^.!?]{1,80}?[)\]]?\.?"
    ),
    (
        r"[(\[]?(?:[\w .'-]{1,40}(?:/| via ))?(?:getty images|afp|reuters|ap(?: photo)?"
        r"|pa(?: media| wire)?|shutterstock|alamy|epa(?:-efe)?|anadolu agency|xinhua)[)\]]?"
    ),
)

# Tag lines: removed, and their items become the document's topics.
TAG_LINE_PATTERN = (
    r"(?:topics|tags|related topics|filed under|categories|keywords|subjects)\s*:\s*"
    r"(?P<items>\S.{0,400}?)\.?"
)
TAG_SEPARATORS = r"\s*[,;|•·]\s*"

# Characters stripped from both ends of a line before comparing it with AD_MARKERS.
MARKER_DECORATION = " \t-–—•|*·[](){}:.…"
