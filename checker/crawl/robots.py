"""robots.txt (RFC 9309) with protego: which paths the crawler may fetch, how slowly, and the
sitemaps the site names.

RFC 9309, 2.3.1: a robots.txt that is "unavailable" (4xx) allows everything; one that is
"unreachable" (5xx, network failure) disallows everything, for the crawler cannot know. The
robots.txt itself is fetched through the same fetcher (its cache and spacing), never refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

from checker.audit.manifest import ROBOTS_REFUSED
from checker.fetch import Fetcher, FetchError

ROBOTS_PATH = "/robots.txt"
REFUSED = ROBOTS_REFUSED  # the manifest's reader knows this line for what it is


@dataclass(frozen=True)
class Robots:
    parser: Protego | None  # None: no rules (allow all) or `blocked`
    blocked: bool = False  # robots.txt unreachable: nothing may be fetched
    why: str = ""

    def allowed(self, url: str, agent: str) -> bool:
        if urlsplit(url).path == ROBOTS_PATH:
            return True
        if self.blocked:
            return False
        return self.parser is None or bool(self.parser.can_fetch(url, agent))

    def delay(self, agent: str) -> float:
        value = self.parser.crawl_delay(agent) if self.parser is not None else None
        return float(value) if value is not None else 0.0

    def sitemaps(self) -> list[str]:
        return list(self.parser.sitemaps) if self.parser is not None else []


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "", "", ""))


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups match (RFC 9309, 2.2.1): `syndicheck/0.1 (...)`
    is matched as `syndicheck`."""
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"


def read_robots(fetcher: Fetcher, origin: str) -> Robots:
    url = origin + ROBOTS_PATH
    try:
        fetched = fetcher.get(url)
    except FetchError as error:
        if error.status is not None and 400 <= error.status < 500:
            return Robots(None, why=error.problem)
        return Robots(None, blocked=True, why=f"robots.txt unreachable: {error.problem}")
    text = fetched.body.decode("utf-8", errors="replace")
    return Robots(Protego.parse(text))


class Politeness:
    """robots.txt per origin, read once, and the spacing it asks for; installed as the
    fetcher's `permit` hook, so that no request (a redirect's hop included) reaches a path
    robots.txt disallows."""

    def __init__(self, fetcher: Fetcher, delay: float) -> None:
        self.fetcher = fetcher
        self.delay = delay
        self.agent = agent_token(fetcher.policy.user_agent)
        self._robots: dict[str, Robots] = {}
        fetcher.permit = self.permit

    def robots(self, url: str) -> Robots:
        origin = origin_of(url)
        if (found := self._robots.get(origin)) is None:
            # The larger of --delay and the site's Crawl-delay, from the robots.txt request on.
            self.fetcher.space(origin, self.delay)
            found = self._robots[origin] = read_robots(self.fetcher, origin)
            self.fetcher.space(origin, max(self.delay, found.delay(self.agent)))
        return found

    def allowed(self, url: str) -> bool:
        return self.robots(url).allowed(url, self.agent)

    def permit(self, url: str) -> str | None:
        """None when `url` may be fetched; else why not."""
        if urlsplit(url).path == ROBOTS_PATH or self.allowed(url):
            return None
        return REFUSED
