"""Decks for the export tests, built straight from model objects (no loader involved).

`sample_deck()` is a small, realistic briefing with every kind of content and date
precision; `hostile_deck(payload)` puts the same attacker-chosen text into every string
field, so a test can prove no field reaches the output unescaped.
"""

from __future__ import annotations

from pathlib import Path

from briefing.deck.dates import parse_date
from briefing.deck.model import (
    Claim,
    Confidence,
    Country,
    Deck,
    Event,
    Incident,
    KeyJudgment,
    Likelihood,
    Person,
    Place,
    Position,
    Question,
    Quote,
    Source,
    Stance,
    Status,
    Subject,
)

TZ = "Europe/Tallinn"
DECK_PATH = Path("decks/sample/deck.yaml")


def at(line: int) -> Place:
    return Place(str(DECK_PATH), line, 3)


def when(text: str):
    return parse_date(text, tz=TZ)


def sample_deck() -> Deck:
    article = Source(
        "article",
        "Europeans Privately Tell Russia They're Ready To Shoot Down Jets",
        at(10),
        publisher="Bloomberg",
        date=when("2025-09-25"),
        url="https://www.bloomberg.com/news/articles/2025-09-25/europeans-privately-tell-russia-they-re-ready-to-shoot-down-jets",
        reliability="B",
    )
    wire = Source("wire", "Wire report on the Moscow meeting", at(16), reliability="C")
    notes = Source("notes", "Analyst notes", at(19), url="file:///home/analyst/notes.txt")
    countries = {
        code: Country(code, name, at(22 + n), groups)
        for n, (code, name, groups) in enumerate(
            [
                ("EE", "Estonia", ("NATO", "EU")),
                ("LT", "Lithuania", ("NATO", "EU")),
                ("PL", "Poland", ("NATO", "EU")),
                ("RO", "Romania", ("NATO", "EU")),
                ("DK", "Denmark", ("NATO", "EU")),
                ("GB", "United Kingdom", ("NATO",)),
                ("FR", "France", ("NATO", "EU")),
                ("DE", "Germany", ("NATO", "EU")),
                ("RU", "Russia", ()),
                ("NATO", "NATO", ()),
            ]
        )
    }
    nauseda = Person("nauseda", "Gitanas Nausėda", at(40), "President of Lithuania", countries["LT"])
    peskov = Person("peskov", "Dmitry Peskov", at(44), "Kremlin spokesman", countries["RU"])
    spokesperson = Person("uk-spokesperson", "UK government spokesperson", at(48), country=countries["GB"])
    shoot_down = Subject("question", "shoot-down", "Shoot down Russian aircraft that violate NATO airspace?", at(120))
    estonia = Subject("incident", "estonia-mig31", "Three MiG-31 jets enter Estonian airspace", at(60))
    testing = Quote(
        "nauseda-testing",
        nauseda,
        "Russia is testing us, testing our preparedness, testing our commitment to retaliate.",
        at(140),
        when=when("2025-09-22"),
        where="Interview in New York, on the sidelines of the UN General Assembly",
        source=article,
        about=(shoot_down, estonia),
    )
    rules = Quote(
        "peskov-rules",
        peskov,
        "Russian military flights are guided by international rules.",
        at(148),
        when=when("2025-09-22/2025-09-25"),
        source=article,
        about=(estonia,),
    )
    robust = Quote(
        "uk-robust",
        spokesperson,
        "The UK stands ready to robustly defend our airspace against any incursion.",
        at(154),
        source=article,
    )
    incidents = (
        Incident(
            "estonia-mig31",
            "Three MiG-31 jets enter Estonian airspace",
            at(60),
            when=when("2025-09-19"),
            where="Gulf of Finland, near Vaindloo island",
            countries=(countries["EE"],),
            actor=countries["RU"],
            kind="airspace violation",
            assets="3 × MiG-31",
            duration="12 minutes",
            response="Estonia invoked NATO Article 4",
            status=Status.DENIED,
            claims=(Claim(countries["RU"], "Denies its planes crossed into Estonian airspace", at(72)),),
            summary="Three MiG-31 fighters flew **12 minutes** inside Estonian airspace.\n\n"
            "- no transponder\n- no flight plan\n",
            notes="SPEAKER NOTE: pause here for questions.",
            sources=(article, wire),
            credibility=2,
            tags=("air",),
        ),
        Incident(
            "poland-drones",
            "Russian drones cross into Poland",
            at(80),
            when=when("2025-09-09"),
            until=when("2025-09-10"),
            countries=(countries["PL"],),
            actor=countries["RU"],
            kind="drone incursion",
            status=Status.DISPUTED,
            claims=(Claim(peskov, "The drones crossed into Poland by error", at(88)),),
            summary="| Drones | Shot down |\n|---|---:|\n| 19 entered | 4 |\n",
            sources=(article,),
            credibility=3,
        ),
        Incident(
            "romania-drone",
            "A Russian drone over Romania",
            at(92),
            when=when("2025-09-13"),
            countries=(countries["RO"],),
            duration="50 minutes",
            status=Status.CONFIRMED,
            sources=(article,),
        ),
        Incident(
            "baltic-cable",
            "Damage to an undersea cable, date unknown",
            at(100),
            status=Status.UNVERIFIED,
            sources=(notes,),
        ),
    )
    events = (
        Event(
            "moscow-warning",
            "British, French and German envoys warn the Kremlin",
            at(106),
            when=when("2025-09-22/2025-09-25"),
            where="Moscow",
            countries=(countries["GB"], countries["FR"], countries["DE"], countries["RU"]),
            summary="The envoys said NATO is ready to respond *with full force*.",
            notes="SPEAKER NOTE: do not cite the officials.",
            sources=(article, wire),
        ),
        Event("month", "A month of violations on the eastern flank", at(112), when=when("2025-09")),
        Event("merz", "Merz speaks with Paris, London and Warsaw", at(115), when=when("2025-09-25T11:30+03:00")),
    )
    positions = (
        Position("shoot-down", countries["PL"], Stance.SUPPORT, at(122), "Tusk has called for shooting down Russian jets", when("2025-09-25")),
        Position("shoot-down", countries["LT"], Stance.SUPPORT, at(126), "Nausėda: Russia is testing NATO", quotes=(testing,)),
        Position("shoot-down", countries["FR"], Stance.CAUTIOUS, at(129), "Macron declined to say how NATO would respond"),
        Position("shoot-down", countries["DE"], Stance.UNDECIDED, at(131)),
    )
    article_4 = (Position("article-4", countries["EE"], Stance.SUPPORT, at(136)), Position("article-4", countries["RU"], Stance.OPPOSE, at(137)))
    questions = (
        Question("shoot-down", "Shoot down Russian aircraft that violate NATO airspace?", at(120), positions),
        Question("article-4", "Hold Article 4 consultations?", at(134), article_4),
    )
    return Deck(
        title="Airspace incursions on NATO's eastern flank",
        path=DECK_PATH,
        place=at(1),
        subtitle="Situation briefing",
        as_of=when("2025-09-25"),
        timezone=TZ,
        classification="UNCLASSIFIED // OPEN SOURCE",
        summary="Russia has tested NATO's eastern flank **three times** this month.\n\n"
        "European envoys warned Moscow that further violations may be met with force.",
        key_judgments=(
            KeyJudgment("The incursions are a deliberate probe of NATO's resolve.", at(8), Confidence.MODERATE, Likelihood.LIKELY),
            KeyJudgment("NATO will shoot down a Russian aircraft this year.", at(9), Confidence.LOW, Likelihood.UNLIKELY),
            KeyJudgment("Russia will keep denying the incursions.", at(10), Confidence.HIGH),
        ),
        sources=(article, wire, notes),
        countries=tuple(countries.values()),
        people=(nauseda, peskov, spokesperson),
        incidents=incidents,
        events=events,
        questions=questions,
        quotes=(testing, rules, robust),
        files=(DECK_PATH,),
    )


def hostile_deck(payload: str) -> Deck:
    """Every string a deck can carry set to ``payload`` (ids kept distinct with a suffix)."""
    t = payload
    source = Source(f"{t}-s", t, at(2), publisher=t, date=when("2025-09-25"), url=f"javascript:alert(1)//{t}", reliability="A")
    second = Source(f"{t}-s2", t, at(3), url="https://example.org/?q=<script>alert(1)</script>&x=\"onmouseover=alert(1)")
    country = Country(f"{t}-c", t, at(4), (t,))
    other = Country(f"{t}-c2", t, at(5))
    person = Person(f"{t}-p", t, at(6), t, country)
    subject = Subject("incident", f"{t}-i", t, at(7))
    question_subject = Subject("question", f"{t}-q", t, at(8))
    quote = Quote(f"{t}-quote", person, f"{t}\n{t}", at(9), when("2025-09-20~"), t, source, (subject, question_subject))
    incident = Incident(
        f"{t}-i", t, at(10), when("2025-09-19"), when("2025-09-20"), t, (country,), other, t, t, t, t,
        Status.DISPUTED, (Claim(person, t, at(11)), Claim(other, t, at(12))), markdown_payload(t), t,
        (source, second), 2, (t,),
    )
    event = Event(f"{t}-e", t, at(13), when("2025-09"), None, t, (country, other), t, markdown_payload(t), t, (source,), (t,))
    position = Position(f"{t}-q", country, Stance.OPPOSE, at(14), t, when("2025-09-25"), (quote,))
    question = Question(f"{t}-q", t, at(15), (position,))
    return Deck(
        title=t, path=DECK_PATH, place=at(1), subtitle=t, as_of=when("2025-09-25"), timezone=TZ,
        classification=t, theme=t, summary=markdown_payload(t),
        key_judgments=(KeyJudgment(t, at(16), Confidence.HIGH, Likelihood.ALMOST_CERTAIN),),
        sources=(source, second), countries=(country, other), people=(person,), incidents=(incident,),
        events=(event,), questions=(question,), quotes=(quote,), files=(DECK_PATH,),
    )


def markdown_payload(text: str) -> str:
    """Deck Markdown that tries every way to smuggle HTML, scripts or fetches past a renderer."""
    return "\n".join(
        [
            text,
            "",
            "<script>alert('block')</script>",
            "",
            "<iframe src=\"https://evil.example/\"></iframe><object data=x></object>",
            "",
            "<style>@import url(https://evil.example/x.css); body{background:url(https://evil.example/p.png)}</style>",
            "",
            "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [rel](//evil.example)",
            "[spaced]( javascript:alert(2)) [angle](<javascript:alert(3)>) [entity](&#106;avascript:alert(4))",
            "![pixel](https://evil.example/pixel.png) <https://evil.example/auto> <javascript:alert(5)>",
            "[ref][r] and \\<img src=x onerror=alert(6)> and `` ` <b>x</b> ` ``",
            "",
            "[r]: javascript:alert(7)",
            "",
            "    <script>indented</script>",
            "- item",
            "    <img src=x onerror=alert(8)>",
            "",
            "   ```",
            "<script>after a fence that is not at column 0</script>",
            "",
            "# A heading in deck Markdown",
            "",
            "[good](https://example.org/ok \"title\")",
        ]
    )
