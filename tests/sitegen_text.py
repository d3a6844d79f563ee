"""Deterministic news prose for the generated web (tests/sitegen.py): topics, names, sentences.

Each sentence is a template whose fixed words never run longer than three between two drawn
slots, and the slots draw from a topic's vocabulary, so two unrelated pages on one topic share
words and stock phrases ("said on Tuesday") but almost never a run of eight words, while a copy
shares whole paragraphs with its story. A string-seeded `random.Random` gives the same text on
every machine and Python run (string seeds do not depend on PYTHONHASHSEED).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

TOPICS: dict[str, dict[str, list[str]]] = {
    "wildfire": {
        "nouns": [
            "fire crews",
            "evacuation orders",
            "brush clearance rules",
            "insurance policies",
            "hazard maps",
            "utility lines",
            "burn scars",
            "smoke advisories",
            "air tankers",
            "defensible space",
            "fuel breaks",
            "red flag warnings",
            "home hardening grants",
            "forest thinning crews",
            "power shutoffs",
        ],
        "adjs": [
            "dry",
            "wind-driven",
            "fast-moving",
            "contained",
            "rural",
            "charred",
            "uninsured",
            "steep",
            "remote",
        ],
        "orgs": [
            "the state fire agency",
            "the county fire district",
            "the forest service",
            "the utilities commission",
            "the insurance commissioner's office",
        ],
        "places": [
            "the foothills",
            "Paradise",
            "the Sierra",
            "Butte County",
            "the canyon roads",
            "Shasta",
        ],
        "verbs": [
            "burned",
            "threatened",
            "spread across",
            "forced closures in",
            "reached",
            "cut power to",
        ],
    },
    "housing": {
        "nouns": [
            "rents",
            "eviction filings",
            "zoning rules",
            "affordable units",
            "building permits",
            "mortgage rates",
            "homeless shelters",
            "tenant protections",
            "accessory dwellings",
            "vacancy rates",
            "housing vouchers",
            "construction loans",
            "density bonuses",
            "parking minimums",
        ],
        "adjs": [
            "affordable",
            "vacant",
            "rent-controlled",
            "overcrowded",
            "subsidized",
            "new",
            "luxury",
            "aging",
        ],
        "orgs": [
            "the housing authority",
            "the city council",
            "the planning commission",
            "the tenants union",
            "the builders association",
        ],
        "places": [
            "downtown",
            "the east side",
            "Oakland",
            "Fresno",
            "the inland suburbs",
            "Sacramento",
        ],
        "verbs": ["approved", "blocked", "delayed", "added", "priced out", "stalled in"],
    },
    "schools": {
        "nouns": [
            "test scores",
            "enrollment figures",
            "teacher shortages",
            "school budgets",
            "bus routes",
            "reading programs",
            "chronic absences",
            "charter petitions",
            "special education services",
            "lunch programs",
            "graduation rates",
            "counselor caseloads",
            "bond measures",
        ],
        "adjs": [
            "low-income",
            "rural",
            "bilingual",
            "struggling",
            "overcrowded",
            "remote",
            "unified",
        ],
        "orgs": [
            "the school board",
            "the teachers union",
            "the education department",
            "the county office of education",
            "the parent council",
        ],
        "places": ["the valley districts", "Stockton", "Modesto", "the mountain schools", "Merced"],
        "verbs": ["cut", "expanded", "restored", "lagged in", "improved in", "closed"],
    },
    "water": {
        "nouns": [
            "groundwater levels",
            "well permits",
            "irrigation districts",
            "reservoir releases",
            "drinking water systems",
            "nitrate readings",
            "canal repairs",
            "water rights",
            "pumping limits",
            "recharge basins",
            "snowpack measurements",
            "rate increases",
        ],
        "adjs": [
            "dry",
            "contaminated",
            "overdrafted",
            "shallow",
            "municipal",
            "seasonal",
            "tribal",
        ],
        "orgs": [
            "the water board",
            "the irrigation district",
            "the groundwater agency",
            "the county health department",
            "the farm bureau",
        ],
        "places": [
            "the San Joaquin Valley",
            "Tulare County",
            "the delta",
            "Kern County",
            "the Central Coast",
        ],
        "verbs": ["drained", "polluted", "restored", "rationed", "tested", "sank beneath"],
    },
    "health": {
        "nouns": [
            "emergency rooms",
            "clinic closures",
            "Medi-Cal enrollment",
            "nurse staffing",
            "vaccination rates",
            "overdose deaths",
            "rural hospitals",
            "ambulance wait times",
            "mental health beds",
            "insurance premiums",
            "prescription costs",
        ],
        "adjs": [
            "rural",
            "uninsured",
            "understaffed",
            "public",
            "private",
            "county-run",
            "nonprofit",
        ],
        "orgs": [
            "the public health department",
            "the hospital association",
            "the nurses union",
            "the health care agency",
            "the county supervisors",
        ],
        "places": [
            "the north state",
            "Imperial County",
            "the valley clinics",
            "Humboldt",
            "Riverside",
        ],
        "verbs": ["closed", "strained", "expanded", "reopened", "cut back", "reported"],
    },
    "transit": {
        "nouns": [
            "bus lines",
            "rail fares",
            "ridership numbers",
            "bike lanes",
            "toll lanes",
            "transit budgets",
            "station repairs",
            "electric buses",
            "commute times",
            "road projects",
            "paratransit trips",
        ],
        "adjs": ["regional", "late-night", "electric", "crowded", "suburban", "delayed", "free"],
        "orgs": [
            "the transit agency",
            "the transportation commission",
            "the rider coalition",
            "the highway department",
            "the regional planners",
        ],
        "places": [
            "the bay bridge corridor",
            "San Jose",
            "the airport line",
            "Los Angeles",
            "Long Beach",
        ],
        "verbs": ["cut", "extended", "rerouted", "paused", "funded", "slowed"],
    },
}

FIRST = [
    "Ana",
    "Daniel",
    "Maria",
    "James",
    "Priya",
    "Luis",
    "Grace",
    "Omar",
    "Helen",
    "Victor",
    "Rosa",
    "Kevin",
    "Mei",
    "Samuel",
    "Leticia",
    "Thomas",
    "Farah",
    "Diego",
    "Ruth",
    "Arjun",
    "Carmen",
    "Joel",
    "Nadia",
    "Peter",
    "Yolanda",
    "Brian",
    "Ines",
    "Marcus",
]
LAST = [
    "Torres",
    "Berlant",
    "Nguyen",
    "Okafor",
    "Lindqvist",
    "Ramirez",
    "Chen",
    "Haddad",
    "Brooks",
    "Alvarez",
    "Kowalski",
    "Singh",
    "Moreno",
    "Whitfield",
    "Tanaka",
    "Delgado",
    "Osei",
    "Fischer",
    "Castillo",
    "Ahmed",
    "Park",
    "Quinn",
    "Santos",
    "Reyes",
]
ROLES = [
    "a spokesperson",
    "the director",
    "a board member",
    "an analyst",
    "a resident",
    "a researcher",
    "the deputy chief",
    "a volunteer",
    "a policy adviser",
    "the treasurer",
]
DAYS = [
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "last week",
    "this month",
]
SAID = ["said", "added", "noted", "argued", "warned", "wrote", "explained", "insisted", "estimated"]
CITIES = [
    "Fresno",
    "Visalia",
    "Chico",
    "Redding",
    "Merced",
    "Salinas",
    "Eureka",
    "Napa",
    "Ukiah",
    "Hanford",
    "Madera",
    "Lodi",
    "Tracy",
    "Yuba",
    "Tulare",
    "Delano",
]
LINKERS = [
    "But",
    "Still",
    "Meanwhile",
    "Even so",
    "By then",
    "At the same time",
    "In recent years",
    "Since then",
]
COMMON_NOUNS = [
    "residents",
    "families",
    "officials",
    "owners",
    "workers",
    "voters",
    "advocates",
    "critics",
    "neighbors",
    "farmers",
    "contractors",
    "landlords",
    "students",
    "patients",
    "drivers",
]

# Sentences are built from four parts, each drawn from its own pool, so that the skeletons
# of two unrelated sentences rarely agree for more than a few words. Slots: {n} a noun,
# {a} an adjective, {o} an organisation, {p} a place, {v} a verb, {c} common people, {x} {y}
# numbers, {P} a person's name, {r} a role, {d} a day, {s} a way of saying, {l} a linker,
# {m} a month.
# General newsroom words, mixed into every topic's slots so that two pages on one topic share
# its words without sharing its sentences.
GENERAL_NOUNS = [
    "budget gaps",
    "staffing plans",
    "audit findings",
    "lawsuits",
    "grant programs",
    "fee schedules",
    "contracts",
    "public hearings",
    "ballot measures",
    "state rules",
    "federal funds",
    "court filings",
    "survey results",
    "pilot projects",
    "waiting lists",
    "repair backlogs",
    "price increases",
    "safety reviews",
    "data systems",
    "community meetings",
    "labor talks",
    "emergency funds",
    "permit fees",
    "land deals",
    "cost estimates",
    "inspection reports",
    "spending plans",
    "oversight reports",
    "relief payments",
    "service cuts",
]
GENERAL_ADJS = [
    "costly",
    "long-delayed",
    "temporary",
    "statewide",
    "local",
    "overdue",
    "disputed",
    "modest",
    "sweeping",
    "limited",
    "unexpected",
    "contested",
    "ambitious",
    "uneven",
    "routine",
    "stalled",
    "emergency",
    "voluntary",
    "mandatory",
    "aging",
    "promised",
    "separate",
    "unpopular",
    "experimental",
]
GENERAL_VERBS = [
    "questioned",
    "postponed",
    "reviewed",
    "challenged",
    "defended",
    "doubled",
    "trimmed",
    "audited",
    "paused",
    "revived",
    "criticized",
    "renewed",
    "shelved",
    "approved",
    "tripled",
    "overhauled",
]
OPENERS = (
    "",
    "{l}, ",
    "In {p}, ",
    "{D}, ",
    "According to {o}, ",
    "For {c} in {p}, ",
    "After {x} complaints, ",
    "Since {m}, ",
    "By most accounts, ",
    "Under pressure from {c}, ",
    "Late {d}, ",
    "For the first time, ",
    "Two years ago, ",
    "Once {a} {n} began, ",
    "With {x} days left, ",
    "Even before {m}, ",
    "As {n2} grew, ",
    "Asked about {n2}, ",
)
SUBJECTS = (
    "{o}",
    "{P}, {r},",
    "{x} {c}",
    "the {a} {n}",
    "{c} in {p}",
    "{P} of {o}",
    "a coalition of {c}",
    "{o} and {c}",
    "{y} {a} {c}",
    "{P}",
    "the {x} {c} near {p}",
    "{r3} {P}",
)
PREDICATES = (
    "{v} {x} {a} {n}",
    "{s} that {n} {v} {p}",
    "asked {o} to review {n}",
    "spent {x} dollars on {a} {n}",
    "pushed for {a} {n}",
    "opposed {n} near {p}",
    "counted {x} {n}",
    "blamed {n} for {a} {n2}",
    "voted {x} to {y} on {n}",
    "filed {x} requests about {n}",
    "warned of {a} {n}",
    "described {n} as {a}",
    "{v} {n} and {n2}",
    "{v} {a} {n} in {x} cases",
    "said {n} {v} {y} {c}",
    "sued over {a} {n}",
    "kept {x} {n} open",
    "won {x} votes for {n}",
    "cited {y} {a} {n2}",
    "now expects {x} {n}",
)
TAILS = (
    "",
    " {d}",
    " near {p}",
    ", up from {y} a year earlier",
    ", records show",
    ", {P} {s}",
    " while {o} weighed {n2}",
    " before {m}",
    " despite {n2}",
    ", the latest figures show",
    " for {y} {c}",
    " across {p}",
    " since {m}",
    " at {x} sites",
    ", {P} of {o} {s}",
    " in {y} {n2}",
    " after {x} {c} {s2}",
    " and {v} {y} more",
)
QUOTE = "“{A} {n} are not {a},” {P} {s}. “The {x} {c} in {p} deserve {n2}.”"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


@dataclass
class Writer:
    """Draws sentences on one topic; `rng` decides everything."""

    topic: str
    rng: random.Random

    def _pick(self, topic: Sequence[str], general: Sequence[str]) -> str:
        return self.rng.choice(topic) if self.rng.random() < 0.55 else self.rng.choice(general)

    def _org(self) -> str:
        """An organisation, often with its town: stock names vary as they do across a state."""
        org = self.rng.choice(TOPICS[self.topic]["orgs"])
        if self.rng.random() < 0.6:
            return f"the {self.rng.choice(CITIES)} {org.removeprefix('the ')}"
        return org

    def _fill(self, template: str) -> str:
        rng, words = self.rng, TOPICS[self.topic]
        values = {
            "n": self._pick(words["nouns"], GENERAL_NOUNS),
            "n2": self._pick(words["nouns"], GENERAL_NOUNS),
            "a": self._pick(words["adjs"], GENERAL_ADJS),
            "o": self._org(),
            "p": rng.choice(words["places"]) if rng.random() < 0.6 else rng.choice(CITIES),
            "v": self._pick(words["verbs"], GENERAL_VERBS),
            "r3": rng.choice(("resident", "organizer", "economist", "lawyer", "pastor", "nurse")),
            "c": rng.choice(COMMON_NOUNS),
            "x": f"{rng.randint(2, 9800):,}",
            "y": f"{rng.randint(2, 9800):,}",
            "P": person(rng),
            "r": rng.choice(ROLES),
            "r2": rng.choice(ROLES).split(" ", 1)[1],
            "d": rng.choice(DAYS)
            if rng.random() < 0.5
            else f"on {rng.choice(MONTHS)} {rng.randint(1, 28)}",
            "s": rng.choice(SAID),
            "s2": rng.choice(("said", "decided", "announced", "explained")),
            "l": rng.choice(LINKERS),
            "m": rng.choice(MONTHS),
            "m2": rng.choice(MONTHS),
        }
        values["A"] = values["a"].capitalize()
        values["D"] = values["d"][0].upper() + values["d"][1:]
        text = template.format(**values)
        return text[0].upper() + text[1:]

    def sentence(self) -> str:
        rng = self.rng
        if rng.random() < 0.08:
            return self._fill(QUOTE)
        parts = (
            rng.choice(OPENERS),
            rng.choice(SUBJECTS),
            rng.choice(PREDICATES),
            rng.choice(TAILS),
        )
        return self._fill(f"{parts[0]}{parts[1]} {parts[2]}{parts[3]}.")

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def paragraphs(self, words: int) -> list[str]:
        """Paragraphs until the text holds at least `words` words."""
        out: list[str] = []
        count = 0
        while count < words:
            out.append(self.paragraph())
            count += len(out[-1].split())
        return out

    def title(self) -> str:
        words = TOPICS[self.topic]
        noun = self.rng.choice(words["nouns"])
        place = self.rng.choice(words["places"])
        verb = self.rng.choice(words["verbs"])
        title = f"{self.rng.choice(words['adjs']).capitalize()} {noun} {verb} {place}"
        return (
            f"{title} as {self.rng.choice(words['orgs'])} weighs {self.rng.choice(words['nouns'])}"
        )


def slugify(text: str) -> str:
    kept = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in kept.split("-") if part)[:60].rstrip("-")


def edit_sentence(sentence: str, rng: random.Random, topic: str) -> str:
    """A partner's editor's change: a figure or a noun replaced, a clause reworded."""
    words = sentence.split()
    figures = [i for i, w in enumerate(words) if any(ch.isdigit() for ch in w)]
    if figures:
        i = rng.choice(figures)
        trail = "".join(ch for ch in words[i] if not ch.isdigit() and ch not in ",")
        words[i] = f"{rng.randint(10, 99)} percent of the{trail}"
    else:
        nouns = TOPICS[topic]["nouns"]
        words.insert(min(3, len(words)), f"(and {rng.choice(nouns)}, locals say)")
    return " ".join(words)
