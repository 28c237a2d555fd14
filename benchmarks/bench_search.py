"""Quote search against the DESIGN budget: median <= 5 ms and p99 <= 16 ms per query over
50,000 quotes; plus the index build time and memory.

    python benchmarks/bench_search.py                 # 50,000 quotes generated in memory
    python benchmarks/bench_search.py --gen-deck      # 50,000 quotes written by gen_deck.py, loaded
    python benchmarks/bench_search.py --deck PATH     # any deck on disk

Quotes are generated in memory (seeded): English prose whose word frequencies follow the
example deck's source article, with a long tail of rarer words, accented speaker names,
places, sources, incidents and dates at every precision. (gen_deck.py's decks, measured
with --gen-deck, draw their text from some forty words: every word is common there, the
hard case for phrases.) The queries (at least 200) are
drawn from that deck the way a presenter types them: one to three words, prefixes while
typing, phrases, every filter, typos and exclusions.

A query's time is ``search(query, limit=200)`` plus the highlights of the first 25 hits (a
screenful; the rest are computed only if read). The reference, measured in the same run,
is the naive search a first version would do: fold every quote and test each word with
``in``, over all quotes.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import random
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.deck.model import (  # noqa: E402
    Country,
    DatePoint,
    Deck,
    Person,
    Place,
    Precision,
    Quote,
    Source,
    Subject,
)
from briefing.search import SearchIndex, fold, words  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_deck  # noqa: E402

MEDIAN_BUDGET_MS = 5.0
P99_BUDGET_MS = 16.0
SCREENFUL = 25
ARTICLE = Path("/work/shared/sources/nato-airspace-article.txt")
TZ = ZoneInfo("Europe/Tallinn")

FIRST_NAMES = [
    "Gitanas", "Donald", "Kaja", "Kristen", "Edgars", "Alar", "Radosław", "Władysław", "Petr", "Mette",
    "Alexander", "Ulf", "Jonas", "Nicușor", "Andrzej", "Volodymyr", "Dmitry", "Maria", "Sergei", "Mark",
    "Emmanuel", "Friedrich", "Boris", "Giorgia", "Guido", "Keir", "Pedro", "Recep", "Viktor", "Robert",
    "Margus", "Hanno", "Evika", "Baiba", "Dovilė", "Žygimantas", "Kęstutis", "Ingrida", "Jüri", "Mārtiņš",
    "Zuzana", "Ľubomír", "Ágnes", "Zoltán", "Søren", "Þórdís", "Łukasz", "Małgorzata", "Grzegorz", "Björn",
    "Tuulikki", "Päivi", "Antti", "Elīna", "Dace", "Rūta", "Agnė", "Vytautas", "Ilze", "Krišjānis",
]
SURNAMES = [
    "Nausėda", "Tusk", "Kallas", "Michal", "Rinkēvičs", "Karis", "Sikorski", "Kosiniak-Kamysz", "Pavel",
    "Frederiksen", "Stubb", "Kristersson", "Støre", "Dan", "Duda", "Zelensky", "Peskov", "Zakharova",
    "Lavrov", "Rutte", "Macron", "Merz", "Pistorius", "Meloni", "Crosetto", "Starmer", "Sánchez", "Erdoğan",
    "Orbán", "Fico", "Tsahkna", "Pevkur", "Siliņa", "Braže", "Budrys", "Šakalienė", "Čaputová", "Šimonytė",
    "Kariņš", "Landsbergis", "Häkkänen", "Valtonen", "Løkke", "Rasmussen", "Błaszczak", "Kośmider", "Müller",
    "Schröder", "Dvořák", "Novák", "Hoekstra", "Brekelmans", "Schoof", "Hummelgaard", "Meshkov", "Lammert",
]
COUNTRIES = [
    ("EE", "Estonia"), ("LV", "Latvia"), ("LT", "Lithuania"), ("PL", "Poland"), ("FI", "Finland"),
    ("SE", "Sweden"), ("NO", "Norway"), ("DK", "Denmark"), ("DE", "Germany"), ("FR", "France"),
    ("GB", "United Kingdom"), ("NL", "Netherlands"), ("IT", "Italy"), ("ES", "Spain"), ("RO", "Romania"),
    ("CZ", "Czechia"), ("SK", "Slovakia"), ("HU", "Hungary"), ("TR", "Türkiye"), ("US", "United States"),
    ("RU", "Russia"), ("UA", "Ukraine"), ("BY", "Belarus"), ("NATO", "North Atlantic Treaty Organization"),
    ("EU", "European Union"),
]
ROLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Spokesperson", "Ambassador"]
PLACES = [
    "Vilnius", "Tallinn", "Rīga", "Warsaw", "Rzeszów", "Helsinki", "Copenhagen", "Berlin", "Paris", "London",
    "The Hague", "Rome", "Bucharest", "Brussels", "New York", "Moscow", "Kyiv", "Minsk", "Gdańsk", "Narva",
]
SETTINGS = ["Interview in", "Press conference in", "Speech in", "Statement in", "Briefing in", "Remarks in"]
PUBLISHERS = [
    "Bloomberg", "Reuters", "Politico Europe", "Le Monde", "Frankfurter Allgemeine", "Gazeta Wyborcza", "LRT",
    "ERR News", "Yle", "Delfi", "Der Spiegel", "Financial Times", "Associated Press", "DR", "TASS",
]
KINDS = ["airspace violation", "drone incursion", "GPS jamming", "cable damage", "cyber attack", "sabotage"]
SYLLABLES = [
    "ka", "ri", "to", "men", "sal", "vor", "dex", "tri", "pol", "gar", "nu", "lis", "fer", "bro", "qua", "zen",
    "hol", "mar", "ste", "vin", "ux", "cor", "dal", "pe", "ly", "ion", "ark", "sim", "tol", "ber",
]


class DeckGenerator:
    """A seeded 50,000-quote deck built in memory from the model's own constructors."""

    def __init__(self, seed: int, quote_count: int) -> None:
        self.random = random.Random(seed)
        self.quote_count = quote_count
        self.place = Place("bench.yaml", 1, 1)
        self.vocabulary, weights = self._vocabulary()
        self.cumulative = list(itertools.accumulate(weights))

    def _vocabulary(self) -> tuple[list[str], list[float]]:
        text = ARTICLE.read_text(encoding="utf-8") if ARTICLE.exists() else "Russia is testing us"
        body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
        counts: dict[str, int] = {}
        for word in re.findall(r"[A-Za-z’']+", body):
            counts[word.lower()] = counts.get(word.lower(), 0) + 1
        common = sorted(counts, key=counts.get, reverse=True)
        tail = {self._pseudo_word() for _ in range(30000)} - set(common)
        vocabulary = common + sorted(tail)
        weights = [1.0 / (rank + 1.5) for rank in range(len(vocabulary))]
        return vocabulary, weights

    def _pseudo_word(self) -> str:
        return "".join(self.random.choice(SYLLABLES) for _ in range(self.random.randint(2, 4)))

    def deck(self) -> Deck:
        place = self.place
        countries = tuple(Country(code, name, place) for code, name in COUNTRIES)
        people = tuple(self._person(i, countries) for i in range(600))
        sources = tuple(
            Source(f"source-{i:03}", self._sentence(4, 9).rstrip("."), place, publisher=self.random.choice(PUBLISHERS))
            for i in range(300)
        )
        subjects = tuple(self._subject(i) for i in range(10000))
        quotes = tuple(self._quote(i, people, sources, subjects) for i in range(self.quote_count))
        return Deck(
            "Benchmark deck", Path("bench.yaml"), place, timezone="Europe/Tallinn",
            countries=countries, people=people, sources=sources, quotes=quotes,
        )

    def _person(self, number: int, countries: tuple[Country, ...]) -> Person:
        first, last = self.random.choice(FIRST_NAMES), self.random.choice(SURNAMES)
        identifier = f"{fold(last).replace(' ', '-')}-{number}"
        role, country = self.random.choice(ROLES), self.random.choice(countries)
        return Person(identifier, f"{first} {last}", self.place, role, country)

    def _subject(self, number: int) -> Subject:
        kind = self.random.choice(KINDS)
        where = self.random.choice(PLACES)
        return Subject("incident", f"incident-{number:05}", f"{kind.capitalize()} near {where}", self.place)

    def _quote(self, number: int, people, sources, subjects) -> Quote:
        about = tuple(self.random.sample(subjects, self.random.choice((0, 1, 1, 2))))
        where = f"{self.random.choice(SETTINGS)} {self.random.choice(PLACES)}" if self.random.random() < 0.8 else None
        return Quote(
            f"quote-{number:05}", self.random.choice(people), self._quote_text(), self.place,
            when=self._date(), where=where, source=self.random.choice(sources), about=about,
        )

    def _quote_text(self) -> str:
        sentences = [self._sentence(6, 22) for _ in range(self.random.choice((1, 1, 2, 2, 3)))]
        text = " ".join(sentences)
        if self.random.random() < 0.15:
            text = text.replace(" russia ", " Russia’s ", 1)
        if self.random.random() < 0.1:
            name = self.random.choice(SURNAMES)
            text = f"{name} said: “{text}”"
        return text

    def _sentence(self, shortest: int, longest: int) -> str:
        count = self.random.randint(shortest, longest)
        chosen = self.random.choices(self.vocabulary, cum_weights=self.cumulative, k=count)
        for position in range(1, count - 1):
            if self.random.random() < 0.08:
                chosen[position] += ","
        chosen[0] = chosen[0].capitalize()
        return " ".join(chosen) + self.random.choice((".", ".", ".", "?", "!"))

    def _date(self) -> DatePoint | None:
        roll = self.random.random()
        if roll < 0.05:
            return None
        day = datetime(2023, 1, 1, tzinfo=TZ) + timedelta(days=self.random.randrange(1000))
        if roll < 0.07:
            return DatePoint(day.replace(month=1, day=1), Precision.YEAR)
        if roll < 0.15:
            return DatePoint(day.replace(day=1), Precision.MONTH)
        if roll < 0.25:
            moment = day.replace(hour=self.random.randrange(24), minute=self.random.randrange(60))
            return DatePoint(moment, Precision.MINUTE)
        if roll < 0.30:
            end = DatePoint(day + timedelta(days=self.random.randint(1, 5)), Precision.DAY)
            return DatePoint(day, Precision.DAY, end=end)
        return DatePoint(day, Precision.DAY, approximate=roll > 0.97)


class QueryGenerator:
    """Realistic queries drawn from a deck's own quotes, people and subjects."""

    def __init__(self, deck: Deck, seed: int) -> None:
        self.random = random.Random(seed)
        self.deck = deck
        self.quotes = list(deck.quotes)

    def queries(self, count: int) -> list[tuple[str, str]]:
        """(kind, query) pairs; every kind is represented, typing sequences included."""
        makers = [
            ("one word", self._one_word), ("two words", lambda: self._words(2)),
            ("three words", lambda: self._words(3)), ("prefix", self._prefix), ("phrase", self._phrase),
            ("typo", self._typo), ("accent-free name", self._name), ("by:", self._by),
            ("country:", self._country), ("about:", self._about), ("source:", self._source),
            ("date", self._date), ("exclusion", self._exclusion), ("filters + words", self._combined),
        ]
        found: list[tuple[str, str]] = []
        while len(found) < count:
            for kind, make in makers:
                found.append((kind, make()))
        found.extend(("typing", prefix) for prefix in self._typing())
        return found

    def adversarial(self) -> list[str]:
        """Queries of only the commonest words: the worst case, reported apart from the budget."""
        counts: dict[str, int] = {}
        for q in self.quotes[:5000]:
            for word in set(words(q.text)):
                counts[word] = counts.get(word, 0) + 1
        top = sorted(counts, key=counts.get, reverse=True)[:4]
        a, b, c = (top * 3)[:3]
        return [
            a, a[0], f"{a} {b}", f'"{a} {b}"', f'"{b} {a}"', f"{a} {b} {c}", f"{a} {a} {a}", f'-"{a} {b}"',
            f"{a[0]} {b[0]}", f"{a[0]} {b[0]} {c[0]}", f"{a} -{b}",
        ]

    def _quote_words(self, minimum: int = 1) -> list[str]:
        while True:
            text_words = [w for w in words(self.random.choice(self.quotes).text)]
            if len(text_words) >= minimum:
                return text_words

    def _one_word(self) -> str:
        return self.random.choice(self._quote_words())

    def _words(self, count: int) -> str:
        return " ".join(self.random.sample(self._quote_words(count), count))

    def _prefix(self) -> str:
        word = self._one_word()
        return word[: self.random.randint(1, max(1, min(4, len(word))))]

    def _phrase(self) -> str:
        text_words = self._quote_words(3)
        start = self.random.randrange(len(text_words) - 1)
        return '"' + " ".join(text_words[start:start + self.random.randint(2, 3)]) + '"'

    def _typo(self) -> str:
        long_words = [w for w in self._quote_words() if len(w) >= 5] or ["preparedness"]
        word = list(self.random.choice(long_words))
        i = self.random.randrange(len(word) - 1)
        edit = self.random.choice(("swap", "drop", "change", "add"))
        if edit == "swap":
            word[i], word[i + 1] = word[i + 1], word[i]
        elif edit == "drop":
            del word[i]
        elif edit == "change":
            word[i] = self.random.choice("aeioustrn")
        else:
            word.insert(i, self.random.choice("aeioustrn"))
        return "".join(word)

    def _name(self) -> str:
        return fold(self.random.choice(self.quotes).speaker.name.split()[-1]).replace("-", " ")

    def _by(self) -> str:
        person = self.random.choice(self.quotes).speaker
        return self.random.choice((f"by:{person.id}", f"by:{fold(person.name.split()[-1])}", f'by:"{person.name}"'))

    def _country(self) -> str:
        country = self.random.choice(self.deck.countries)
        return self.random.choice((f"country:{country.code}", f"country:{country.name.split()[0].lower()}"))

    def _about(self) -> str:
        subjects = [s for q in self.random.sample(self.quotes, 20) for s in q.about] or [None]
        subject = self.random.choice(subjects)
        if subject is None:
            return "about:drone"
        return self.random.choice((f"about:{subject.id}", f"about:{subject.title.split()[0].lower()}"))

    def _source(self) -> str:
        source = self.random.choice(self.deck.sources)
        described = words(f"{source.title} {source.publisher or ''}") or [source.id]
        return self.random.choice((f"source:{source.id}", f"source:{self.random.choice(described)}"))

    def _date(self) -> str:
        dated = [q.when.start for q in self.random.sample(self.quotes, 50) if q.when is not None]
        moment = self.random.choice(dated) if dated else datetime(2025, 9, 1)
        return self.random.choice((
            f"after:{moment:%Y-%m}", f"before:{moment:%Y-%m-%d}", f"after:{moment:%Y}", f"before:{moment:%Y}",
        ))

    def _exclusion(self) -> str:
        return f"{self._one_word()} -{self._one_word()}"

    def _combined(self) -> str:
        return f"{self._one_word()} {self.random.choice((self._by, self._country, self._date))()}"

    def _typing(self) -> list[str]:
        typed = []
        for final in ("nauseda testing", "russia prepar", '"testing our"', "shoot down by:tusk"):
            typed.extend(final[:end] for end in range(1, len(final) + 1) if final[:end].count('"') != 1)
        return typed


def timed_query(index: SearchIndex, query: str) -> float:
    start = time.perf_counter()
    result = index.search(query, limit=200)
    for hit in result.hits[:SCREENFUL]:
        _ = hit.spans
    return time.perf_counter() - start


def naive_search(folded_texts: list[str], query: str) -> int:
    wanted = words(query)
    return sum(1 for text in folded_texts if all(word in text for word in wanted))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure_build(deck: Deck, rounds: int = 3) -> tuple[float, SearchIndex]:
    times = []
    index = None
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        index = SearchIndex.build(deck)
        times.append(time.perf_counter() - start)
    return statistics.median(times), index


def measure_memory(deck: Deck) -> int:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    index = SearchIndex.build(deck)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del index
    return after - before


def load_from_disk(path: Path) -> Deck:
    from briefing.deck import load_deck

    result = load_deck(path)
    if result.deck is None:
        raise SystemExit(f"{path}: the deck has errors:\n" + "\n".join(map(str, result.errors[:10])))
    return result.deck


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=240, help="generated queries, besides typing sequences")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query; its time is their median")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--deck", type=Path, help="load this deck instead of generating one in memory")
    parser.add_argument(
        "--gen-deck", action="store_true",
        help="write a deck with benchmarks/gen_deck.py (10,000 incidents, --quotes quotes) and load it",
    )
    options = parser.parse_args()

    start = time.perf_counter()
    if options.gen_deck:
        with tempfile.TemporaryDirectory() as folder:
            deck = load_from_disk(gen_deck.generate(Path(folder), incidents=10_000, quotes=options.quotes))
        origin = "written by gen_deck.py and loaded"
    elif options.deck:
        deck, origin = load_from_disk(options.deck), "loaded"
    else:
        deck, origin = DeckGenerator(options.seed, options.quotes).deck(), "generated in memory"
    print(f"deck: {len(deck.quotes):,} quotes ({origin} in {time.perf_counter() - start:.1f} s)")

    build_seconds, index = measure_build(deck)
    memory = measure_memory(deck)
    parts = index._parts
    print(f"index build: {build_seconds * 1000:.0f} ms (median of 3)")
    print(f"index memory: {memory / 2**20:.1f} MiB (tracemalloc), vocabulary {len(parts.vocabulary):,} words, "
          f"{len(parts.heavy):,} precomputed prefix masks")

    queries = QueryGenerator(deck, options.seed).queries(options.queries)
    for _, query in queries:
        timed_query(index, query)
    per_query: dict[int, list[float]] = {i: [] for i in range(len(queries))}
    order = list(range(len(queries)))
    shuffler = random.Random(options.seed)
    for _ in range(options.repeat):
        shuffler.shuffle(order)
        for i in order:
            per_query[i].append(timed_query(index, queries[i][1]))
    times_ms = [statistics.median(per_query[i]) * 1000 for i in range(len(queries))]
    median, p99 = statistics.median(times_ms), percentile(times_ms, 0.99)

    folded_texts = [fold(quote.text) for quote in deck.quotes]
    reference_queries = [query for kind, query in queries if kind in ("one word", "two words", "prefix")][:30]
    reference_ms = statistics.median(
        min(_seconds(naive_search, folded_texts, q) for _ in range(3)) * 1000 for q in reference_queries
    )

    print(f"queries: {len(queries)} ({options.repeat} runs each), limit=200, highlights of the first {SCREENFUL} hits")
    print(f"  median {median:.2f} ms (budget {MEDIAN_BUDGET_MS} ms): {'OK' if median <= MEDIAN_BUDGET_MS else 'OVER'}")
    print(f"  p99    {p99:.2f} ms (budget {P99_BUDGET_MS} ms): {'OK' if p99 <= P99_BUDGET_MS else 'OVER'}")
    print(f"  max    {max(times_ms):.2f} ms")
    print(f"reference (naive scan of pre-folded texts, same run): median {reference_ms:.2f} ms per query; "
          f"index median = {median / reference_ms:.3f} x reference")
    print("by kind (median / max ms):")
    kinds: dict[str, list[float]] = {}
    for (kind, _), ms in zip(queries, times_ms):
        kinds.setdefault(kind, []).append(ms)
    for kind, values in kinds.items():
        print(f"  {kind:18} {len(values):4}  {statistics.median(values):6.2f} / {max(values):6.2f}")
    slowest = sorted(zip(times_ms, (q for _, q in queries)), reverse=True)[:5]
    print("slowest:", ", ".join(f"{q!r} {ms:.1f} ms" for ms, q in slowest))
    worst = QueryGenerator(deck, options.seed).adversarial()
    worst_ms = [min(_seconds(timed_query, index, q) for _ in range(3)) * 1000 for q in worst]
    slowest_worst = worst[worst_ms.index(max(worst_ms))]
    print(
        f"commonest words only (worst case, not part of the budget figures): "
        f"median {statistics.median(worst_ms):.2f} ms, max {max(worst_ms):.2f} ms ({slowest_worst!r})"
    )
    full = [_seconds(_search_with_all_spans, index, q) * 1000 for _, q in queries]
    print(f"with highlights of all (up to 200) hits: median {statistics.median(full):.2f} ms, "
          f"p99 {percentile(full, 0.99):.2f} ms")


def _search_with_all_spans(index: SearchIndex, query: str) -> None:
    for hit in index.search(query, limit=200).hits:
        _ = hit.spans


def _seconds(function, *arguments) -> float:
    start = time.perf_counter()
    function(*arguments)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
