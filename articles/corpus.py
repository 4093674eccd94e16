"""A deterministic synthetic corpus of raw IP-news dumps, for benchmarks and load tests.

`generate(out_dir, n, seed)` writes `n` invented articles in the layouts the importer reads
(`articles.ingest`): plain-text page dumps in the styles of Xinhua, China Daily, CGTN, Global
Times, gov.cn, WIPO, People's Daily, SCMP, Reuters, AP, ECNS and others; HTML pages; JSON
Lines feeds of several records; a few files in UTF-8 with BOM, UTF-16, GB18030, cp1252 or with
CRLF line ends. The same seed and `n` give byte-identical files: only `random.Random(seed)` is
used, never the global generator or the clock.

Files go into folders of at most `FILES_PER_FOLDER` files (`out/0000/`, `out/0001/`, ...).
An optional manifest (one JSON line per article) records what each article was meant to be:
title, date, outlet, people, organizations, topic, so tests and benchmarks can score the
parser. Writing streams: memory stays flat however large `n` is.

Plain Python on purpose (no Django): `python -m articles.corpus --n 1000 --out /tmp/c`, or
`python manage.py generate_corpus --n 1000 --out /tmp/c [--seed S] [--manifest [PATH]]`.
A manifest left inside the output folder is itself a `.jsonl` file, which `import_articles`
would try (and fail) to read as articles: give it a PATH outside when the folder is imported.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import html
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FILES_PER_FOLDER = 1000
FIRST_YEAR, LAST_YEAR = 2005, 2026
YEARS = list(range(FIRST_YEAR, LAST_YEAR + 1))
# trafilatura (htmldate) rejects a page date later than today, so HTML pages stay in the
# past of any run: the other formats use the whole of 2005-2026.
HTML_LAST_DATE = dt.date(2025, 12, 31)
PROJECT_SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_PEOPLE_SEED = 20240611  # the people pool is the same for every corpus seed

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
    "December",
]
MON3 = [m[:3] for m in MONTHS]
XINHUA_MONTHS = [
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINAL_WORDS = [
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "10th",
    "11th",
    "12th",
    "13th",
]


class CorpusError(Exception):
    """The output folder cannot be used."""


# --- Organizations -------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    name: str
    acronym: str = ""
    the: bool = True  # "the CNIPA" but "Huawei", "Peking University"


def _org(name: str, acronym: str = "", the: bool = True) -> Org:
    return Org(name, acronym, the)


CNIPA = _org("China National Intellectual Property Administration", "CNIPA")
SIPO = _org("State Intellectual Property Office", "SIPO")  # CNIPA's name until 2018
SAMR = _org("State Administration for Market Regulation", "SAMR")
SAIC = _org("State Administration for Industry and Commerce")  # SAMR's forerunner
SPC = _org("Supreme People's Court")
SPP = _org("Supreme People's Procuratorate", "SPP")
MOFCOM = _org("Ministry of Commerce", "MOFCOM")
MPS = _org("Ministry of Public Security", "MPS")
NCAC = _org("National Copyright Administration", "NCAC")
GACC = _org("General Administration of Customs", "GACC")
STATE_COUNCIL = _org("State Council")
MOST = _org("Ministry of Science and Technology", "MOST")
MIIT = _org("Ministry of Industry and Information Technology", "MIIT")
CAC = _org("Cyberspace Administration of China", "CAC")
WIPO = _org("World Intellectual Property Organization", "WIPO")
EPO = _org("European Patent Office", "EPO")
USPTO = _org("United States Patent and Trademark Office", "USPTO")
USTR = _org("Office of the United States Trade Representative", "USTR")
UKIPO = _org("UK Intellectual Property Office", "UKIPO")
JPO = _org("Japan Patent Office", "JPO")
KIPO = _org("Korean Intellectual Property Office", "KIPO")
EUIPO = _org("European Union Intellectual Property Office", "EUIPO")
EUCHAMBER = _org("European Union Chamber of Commerce in China")
AMCHAM = _org("American Chamber of Commerce in China", "AmCham China")
CCPIT = _org("China Council for the Promotion of International Trade", "CCPIT")
CASS = _org("Chinese Academy of Social Sciences", "CASS")
COURTS = [
    _org("Beijing Intellectual Property Court"),
    _org("Shanghai Intellectual Property Court"),
    _org("Guangzhou Intellectual Property Court"),
    _org("Intellectual Property Court of the Supreme People's Court"),
    _org("Hainan Free Trade Port Intellectual Property Court"),
]
UNIVERSITIES = [
    _org(name, the=False)
    for name in (
        "Peking University",
        "Tsinghua University",
        "Renmin University of China",
        "China University of Political Science and Law",
        "Zhongnan University of Economics and Law",
        "Tongji University",
        "Fudan University",
        "Shanghai Jiao Tong University",
        "Zhejiang University",
    )
]
COMPANIES = [
    _org(name, the=False)
    for name in (
        "Huawei",
        "ZTE",
        "Alibaba Group",
        "Tencent",
        "Baidu",
        "ByteDance",
        "Xiaomi",
        "Lenovo",
        "BYD",
        "OPPO",
        "DJI",
        "JD.com",
        "NetEase",
        "Haier",
        "Gree Electric Appliances",
        "Hikvision",
        "iFlytek",
        "SenseTime",
        "Geely",
        "Qualcomm",
        "Samsung Electronics",
        "Nokia",
        "Ericsson",
        "Siemens",
        "Apple",
        "Microsoft",
        "Philips",
        "Bosch",
        "Pinduoduo",
        "Kuaishou",
        "Michelin",
        "New Balance",
    )
]
LAW_FIRMS = [
    _org(name, the=False)
    for name in (
        "King & Wood Mallesons",
        "Zhong Lun Law Firm",
        "JunHe",
        "Fangda Partners",
        "Wanhuida Intellectual Property",
        "Unitalen Attorneys at Law",
        "Baker McKenzie",
    )
]


# --- People --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    surname: str  # how later mentions name them: "Zhang said"
    role: str
    prep: str  # "of" / "at" / "with"
    org: Org


_SURNAMES = [
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Lin",
    "Gao",
    "Luo",
    "Zheng",
    "Liang",
    "Xie",
    "Song",
    "Tang",
    "Han",
    "Feng",
    "Deng",
    "Cao",
    "Peng",
    "Zeng",
    "Xiao",
    "Tian",
    "Dong",
    "Pan",
    "Yuan",
    "Cai",
    "Jiang",
    "Yu",
    "Du",
    "Ye",
    "Cheng",
    "Su",
    "Ding",
    "Ren",
    "Shen",
    "Yao",
    "Jin",
    "Fu",
    "Fan",
    "Shi",
    "Qian",
    "Dai",
    "Xia",
    "Zou",
    "Bai",
    "Meng",
    "Hou",
    "Lei",
    "Duan",
    "Qin",
    "Yin",
    "Xiong",
    "Qiu",
    "Jia",
    "Gu",
    "Mao",
    "Tan",
    "Kong",
    "Cui",
]
_SYLLABLES = [
    "wei",
    "ming",
    "jun",
    "hua",
    "lin",
    "xin",
    "yu",
    "hao",
    "jie",
    "tao",
    "qiang",
    "lei",
    "yan",
    "ping",
    "fang",
    "hong",
    "jian",
    "bo",
    "chen",
    "dong",
    "feng",
    "gang",
    "hui",
    "jing",
    "kai",
    "lan",
    "mei",
    "na",
    "ning",
    "qing",
    "rui",
    "shan",
    "ting",
    "wen",
    "xia",
    "xiao",
    "yang",
    "yi",
    "ying",
    "yong",
    "zhen",
    "zhi",
    "zhong",
    "guang",
    "hai",
    "jia",
    "le",
    "li",
    "min",
    "peng",
    "sheng",
    "shu",
    "song",
    "tian",
    "xue",
    "yun",
    "zhao",
]
_FOREIGN_FIRST = [
    "Anna",
    "Peter",
    "Maria",
    "James",
    "Sophie",
    "Daniel",
    "Laura",
    "Thomas",
    "Claire",
    "Michael",
    "Elena",
    "Marco",
    "Julia",
    "David",
    "Sarah",
    "Henrik",
    "Ingrid",
    "Pablo",
    "Akira",
    "Min-jun",
    "Olivia",
    "Lucas",
    "Hannah",
    "Robert",
]
_FOREIGN_LAST = [
    "Keller",
    "Hargreave",
    "Moreau",
    "Lindqvist",
    "Brennan",
    "Fischer",
    "Rossi",
    "Whitfield",
    "Novak",
    "Osborne",
    "Tanaka",
    "Dubois",
    "Larsen",
    "Schmidt",
    "Carter",
    "Bianchi",
    "Jensen",
    "Okafor",
    "Kowalski",
    "Marsh",
    "Sato",
    "Park",
    "Svensson",
    "Meyer",
]

# (role, preposition, organization, share of the pool)
_CHINESE_ROLES: list[tuple[str, str, Org, int]] = [
    ("spokesperson", "for", CNIPA, 6),
    ("deputy commissioner", "of", CNIPA, 5),
    ("director of the patent examination department", "at", CNIPA, 4),
    ("director of the trademark office", "at", CNIPA, 3),
    ("official", "with", SAMR, 4),
    ("vice-president", "of", SPC, 3),
    ("chief judge of the IP tribunal", "at", SPC, 3),
    ("prosecutor", "at", SPP, 3),
    ("spokesperson", "for", MOFCOM, 4),
    ("official", "with", MPS, 3),
    ("deputy director", "of", NCAC, 3),
    ("official", "with", GACC, 2),
    ("researcher", "at", CASS, 4),
    ("vice-chairman", "of", CCPIT, 2),
    ("official", "with", MOST, 2),
    ("official", "with", MIIT, 2),
    ("judge", "at", COURTS[0], 4),
    ("judge", "at", COURTS[1], 3),
    ("president", "of", COURTS[2], 2),
    ("judge", "at", COURTS[3], 3),
    ("professor of law", "at", UNIVERSITIES[0], 3),
    ("professor", "at", UNIVERSITIES[1], 3),
    ("director of the IP center", "at", UNIVERSITIES[2], 2),
    ("professor", "at", UNIVERSITIES[3], 3),
    ("dean of the IP school", "at", UNIVERSITIES[4], 2),
    ("associate professor", "at", UNIVERSITIES[5], 2),
    ("professor", "at", UNIVERSITIES[6], 2),
    ("partner", "at", LAW_FIRMS[0], 3),
    ("partner", "at", LAW_FIRMS[1], 3),
    ("lawyer", "at", LAW_FIRMS[2], 2),
    ("partner", "at", LAW_FIRMS[3], 2),
    ("trademark attorney", "at", LAW_FIRMS[4], 3),
    ("patent attorney", "at", LAW_FIRMS[5], 2),
    ("head of intellectual property", "at", COMPANIES[0], 3),
    ("vice-president", "of", COMPANIES[1], 2),
    ("general counsel", "of", COMPANIES[2], 2),
    ("head of legal affairs", "at", COMPANIES[3], 2),
    ("director of the patent department", "at", COMPANIES[6], 2),
    ("chief legal officer", "of", COMPANIES[8], 2),
    ("vice-president", "of", COMPANIES[13], 1),
    ("head of IP", "at", COMPANIES[16], 1),
]
_FOREIGN_ROLES: list[tuple[str, str, Org, int]] = [
    ("deputy director general", "of", WIPO, 4),
    ("director of the WIPO Office in China", "at", WIPO, 2),
    ("chief economist", "of", WIPO, 2),
    ("vice-president", "of", EPO, 2),
    ("official", "with", USPTO, 2),
    ("spokesperson", "for", USTR, 2),
    ("chief executive", "of", UKIPO, 1),
    ("commissioner", "of", JPO, 1),
    ("official", "with", KIPO, 1),
    ("executive director", "of", EUIPO, 1),
    ("vice-president", "of", EUCHAMBER, 2),
    ("chairman", "of", AMCHAM, 2),
    ("partner", "at", LAW_FIRMS[6], 2),
    ("head of licensing", "at", COMPANIES[20], 1),
    ("chief IP counsel", "at", COMPANIES[21], 1),
]


def _build_people(size: int = 360) -> tuple[list[Person], list[float]]:
    """A fixed pool of invented people, and Zipf-like cumulative weights: (rank + 4) ** -1,
    so the most quoted person is in about one article in six, and most are rare."""
    rng = random.Random(_PEOPLE_SEED)
    chinese_roles = [role for role in _CHINESE_ROLES for _ in range(role[3])]
    foreign_roles = [role for role in _FOREIGN_ROLES for _ in range(role[3])]
    people: list[Person] = []
    seen: set[str] = set()
    while len(people) < size:
        if rng.random() < 0.8:
            surname = rng.choice(_SURNAMES)
            given = rng.choice(_SYLLABLES).capitalize()
            if rng.random() < 0.75:
                given += rng.choice(_SYLLABLES)
            name, role = f"{surname} {given}", rng.choice(chinese_roles)
        else:
            first, surname = rng.choice(_FOREIGN_FIRST), rng.choice(_FOREIGN_LAST)
            name, role = f"{first} {surname}", rng.choice(foreign_roles)
        if name in seen:
            continue
        seen.add(name)
        people.append(Person(name, surname, role[0], role[1], role[2]))
    cumulative, total = [], 0.0
    for rank in range(1, size + 1):
        total += 1 / (rank + 4)
        cumulative.append(total)
    return people, cumulative


PEOPLE, _PEOPLE_CUM = _build_people()

# Bylines and desk editors: a few stable names per outlet.
_REPORTERS = [
    f"{s} {g.capitalize()}{h}"
    for s, g, h in zip(
        _SURNAMES[::2],
        _SYLLABLES[3::2],
        ["yun", "bi", "nan", "ming", "jie", "", "hua", "ting", "", "wei"] * 6,
        strict=False,
    )
]
_FOREIGN_REPORTERS = [f"{f} {s}" for f, s in zip(_FOREIGN_FIRST, _FOREIGN_LAST[3:], strict=False)]


# --- Places, things, numbers ---------------------------------------------------------------

PLACES = [
    ("Beijing", "capital of China"),
    ("Shanghai", "east China"),
    ("Shenzhen", "south China's Guangdong province"),
    ("Guangzhou", "capital of south China's Guangdong province"),
    ("Hangzhou", "capital of east China's Zhejiang province"),
    ("Chengdu", "capital of southwest China's Sichuan province"),
    ("Wuhan", "capital of central China's Hubei province"),
    ("Nanjing", "capital of east China's Jiangsu province"),
    ("Suzhou", "east China's Jiangsu province"),
    ("Tianjin", "north China"),
    ("Chongqing", "southwest China"),
    ("Xiamen", "southeast China's Fujian province"),
    ("Qingdao", "east China's Shandong province"),
    ("Hefei", "capital of east China's Anhui province"),
    ("Changsha", "capital of central China's Hunan province"),
    ("Zhengzhou", "capital of central China's Henan province"),
    ("Ningbo", "east China's Zhejiang province"),
    ("Haikou", "capital of south China's Hainan province"),
    ("Yiwu", "east China's Zhejiang province"),
    ("Dongguan", "south China's Guangdong province"),
]
INDUSTRIES = [
    "integrated circuits",
    "biomedicine",
    "new energy vehicles",
    "artificial intelligence",
    "high-end equipment",
    "new materials",
    "digital creative industries",
    "photovoltaics",
    "robotics",
    "5G communications",
    "traditional Chinese medicine",
    "agricultural seeds",
]
PRODUCTS = [
    "smartphone chips",
    "lithium batteries",
    "drones",
    "wireless earphones",
    "sports shoes",
    "cosmetics",
    "auto parts",
    "LED lamps",
    "online games",
    "short videos",
    "medical devices",
    "seed varieties",
    "tea",
    "baby formula",
    "air conditioners",
    "industrial robots",
]
BRAND_WORDS = ["Sunrise", "Golden", "Evergreen", "Tianhe", "Jade", "Red Star", "Blue Ocean"]
SECTOR_WORDS = ["Biotech", "Electronics", "Materials", "Robotics", "Foods", "Pharmaceutical"]
WORKS = [
    "an animated film",
    "a best-selling novel",
    "a popular online game",
    "a music streaming catalogue",
    "a television drama",
    "a collection of photographs",
    "a set of fonts",
    "a short-video series",
]
CAMPAIGNS = ["Jianwang", "Kunlun", "Longteng", "Lanjian", "Qinglang"]
GI_PRODUCTS = [
    "Longjing tea",
    "Wuchang rice",
    "Ganzhou navel oranges",
    "Yantai apples",
    "Pu'er tea",
    "Xuan paper",
    "Jinhua ham",
    "Dongshan Island abalone",
]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- Article drafting ----------------------------------------------------------------------


@dataclass
class Style:
    """How an outlet writes: percent sign or word, straight or curly quotes."""

    percent: str = " percent"
    curly: bool = False


class _Slots(dict):
    """Template slots: fixed per article, or fresh random values for each use."""

    def __init__(self, draft: _Draft, fixed: dict[str, str]):
        super().__init__(fixed)
        self.draft = draft

    def __missing__(self, key: str) -> str:
        return self.draft.dynamic(key)


class _Draft:
    """One article being written: tracks who and what has been introduced."""

    def __init__(self, rng: random.Random, date: dt.date, topic: str, style: Style):
        self.rng, self.date, self.topic, self.style = rng, date, topic, style
        self.year = date.year
        self.orgs: dict[str, Org] = {}
        self.people: list[Person] = []
        self.spoken: set[str] = set()
        self.place, self.place_desc = rng.choice(PLACES)
        self.company = rng.choice(COMPANIES)
        self.court = rng.choice(COURTS)
        office = CNIPA if self.year >= 2018 else SIPO
        regulator = SAMR if self.year >= 2018 else SAIC
        firm = f"{rng.choice(BRAND_WORDS)} {rng.choice(SECTOR_WORDS)}"
        self.slots = _Slots(
            self,
            {
                "place": self.place,
                "place_desc": self.place_desc,
                "year": str(self.year),
                "prev": str(self.year - 1),
                "weekday": WEEKDAYS[date.weekday()],
                "industry": rng.choice(INDUSTRIES),
                "industry2": rng.choice(INDUSTRIES),
                "product": rng.choice(PRODUCTS),
                "work": rng.choice(WORKS),
                "campaign": f"{rng.choice(CAMPAIGNS)} {self.year}",
                "gi": rng.choice(GI_PRODUCTS),
                "firm": f"{self.place} {firm} Co.",
                "firm_short": firm,
                "rival": f"{rng.choice(PLACES)[0]} {rng.choice(BRAND_WORDS)} Technology",
                "Company": self.company.name,
                "company": self.company.name,
                "office_name": office.name,
                "office_acr": office.acronym,
            },
        )
        self._office, self._regulator = office, regulator

    # organizations: the first mention is full, later ones short
    def org(self, org: Org) -> str:
        first = org.name not in self.orgs
        self.orgs.setdefault(org.name, org)
        if first:
            text = f"{org.name} ({org.acronym})" if org.acronym else org.name
        else:
            text = org.acronym or org.name
        return f"the {text}" if org.the else text

    def dynamic(self, key: str) -> str:
        rng, pct = self.rng, self.style.percent
        if key == "pct":
            return f"{rng.uniform(0.6, 48.0):.1f}{pct}"
        if key == "small_pct":
            return f"{rng.uniform(0.3, 9.9):.1f}{pct}"
        if key == "count":
            return f"{rng.randrange(120, 98000):,}"
        if key == "small":
            return str(rng.randrange(3, 60))
        if key == "count_k":
            return f"{rng.randrange(12, 990) * 1000:,}"
        if key == "millions":
            return f"{rng.randrange(11, 99) / 10:.1f} million"
        if key == "yuan":
            return self._money("yuan")
        if key == "dollars":
            return self._money("dollars")
        if key == "ordinal":
            return ORDINAL_WORDS[rng.randrange(2, 14)]
        if key == "rank":
            return _ordinal(rng.randrange(1, 40))
        if key == "in_a_row":
            word = ORDINAL_WORDS[rng.randrange(2, 14)]
            return rng.choice(
                (
                    f"for the {word} year in a row",
                    f"for the {word} consecutive year",
                    f"for the {word} straight year",
                )
            )
        if key == "office":
            return self.org(self._office)
        if key == "regulator":
            return self.org(self._regulator)
        if key == "court":
            return self.org(self.court)
        if key in _ORG_SLOTS:
            return self.org(_ORG_SLOTS[key])
        if key == "on_day":
            return f"on {WEEKDAYS[self.date.weekday()]}"
        raise KeyError(key)

    def _money(self, currency: str) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            amount, unit, factor = rng.randrange(12, 990), "million", 1
        else:
            amount, unit, factor = rng.randrange(11, 400) / 10, "billion", 1000
        if currency == "dollars":
            shown = f"{amount:g}"
            return f"${shown} {unit}"
        usd = amount * factor / 7.0
        usd_text = f"{usd:.1f} million" if usd < 1000 else f"{usd / 1000:.2f} billion"
        return f"{amount:g} {unit} yuan (${usd_text})"

    def fill(self, template: str) -> str:
        return template.format_map(self.slots)

    def person(self) -> Person:
        return PEOPLE[bisect.bisect(_PEOPLE_CUM, self.rng.random() * _PEOPLE_CUM[-1])]

    def who(self, person: Person) -> tuple[str, bool]:
        """How the text names a person: introduced the first time, by surname later."""
        if person in self.people:
            return person.surname, False
        self.people.append(person)
        org = person.org
        if org.acronym and org.name in self.orgs and self.rng.random() < 0.5:
            return f"{org.acronym} {person.role} {person.name}", True  # "CNIPA spokesperson X"
        return f"{person.name}, {person.role} {person.prep} {self.org(org)},", True

    def quote(self) -> str:
        """A direct or reported quote from someone in the pool."""
        rng = self.rng
        known = self.people
        if known and (len(known) >= 3 or rng.random() < 0.5):
            person = known[int(rng.random() * len(known))]  # most stories quote a few people
        else:
            person = self.person()
        intro, first = self.who(person)
        pool = _QUOTES[self.topic] + _QUOTES["general"]
        said = rng.choice(("said", "told reporters", "said at a press conference", "added"))
        if rng.random() < 0.6:
            words = self._unspoken(pool)
            q = _q(self.style)
            if first:
                return f"{q[0]}{words},{q[1]} said {intro.rstrip(',')}."
            return f"{q[0]}{words},{q[1]} {intro} {said}."
        clause = self.fill(rng.choice(_REPORTED[self.topic] + _REPORTED["general"]))
        return f"{intro} {said} {clause}."

    def _unspoken(self, pool: list[str]) -> str:
        for _ in range(4):
            words = self.rng.choice(pool)
            if words not in self.spoken:
                break
        self.spoken.add(words)
        return words


def _q(style: Style) -> tuple[str, str]:
    return ("“", "”") if style.curly else ('"', '"')


_ORG_SLOTS = {
    "wipo": WIPO,
    "spc": SPC,
    "spp": SPP,
    "mofcom": MOFCOM,
    "mps": MPS,
    "ncac": NCAC,
    "gacc": GACC,
    "state_council": STATE_COUNCIL,
    "most": MOST,
    "miit": MIIT,
    "cac": CAC,
    "epo": EPO,
    "uspto": USPTO,
    "ustr": USTR,
    "euchamber": EUCHAMBER,
    "amcham": AMCHAM,
    "ccpit": CCPIT,
    "ukipo": UKIPO,
    "jpo": JPO,
    "kipo": KIPO,
    "euipo": EUIPO,
}


# --- Sentence templates by topic ------------------------------------------------------------
# Titles: no full dates, no trailing period, never an acronym followed by "-" or ":" (that
# would read as a dateline). Leads: one sentence, with `{on_day}` where the news happened.

_TITLES = {
    "patents": [
        "China grants {count_k} invention patents in {prev}",
        "{place} invention patent filings up {pct} as {industry} booms",
        "Patent office speeds up examination for {industry}",
        "China remains top source of international patent applications",
        "Chinese firms file more patents abroad in {industry}",
        "Valid invention patents in China top {millions}",
        "{Company} tops list of patent applicants again",
    ],
    "trademarks": [
        "Regulators target malicious trademark squatting in {place}",
        "China registers {millions} trademarks as applications slow",
        "Court rules in long-running trademark dispute over {product}",
        "{place} brand owners win protection for well-known marks",
        "New rules make trademark registration faster for small firms",
    ],
    "copyright": [
        "Court orders platform to pay damages for pirated {product}",
        "Campaign removes millions of pirated links from the internet",
        "China's copyright registrations rise {pct} in {prev}",
        "{place} court backs creators in dispute over {work}",
        "Online piracy crackdown targets {product} and streaming sites",
    ],
    "trade_secrets": [
        "Top court upholds record damages in trade secret case",
        "{place} firm wins trade secret lawsuit against former engineers",
        "China drafts rules to protect trade secrets of foreign firms",
        "Trade secret theft cases rise as technology competition heats up",
    ],
    "ai": [
        "Court rules on copyright for AI-generated content",
        "China issues guidelines on patents for artificial intelligence",
        "Artificial intelligence patent filings surge in {place}",
        "Experts debate who owns works created by generative AI",
        "Regulators draft rules on training data and copyright",
    ],
    "courts": [
        "Chinese courts conclude record number of IP cases",
        "{place} intellectual property court marks {small} years of rulings",
        "Punitive damages applied in more infringement cases",
        "Foreign litigants win most IP cases they bring in China",
        "Judges call for higher compensation in patent disputes",
    ],
    "enforcement": [
        "Police crack {count} IP crime cases in nationwide campaign",
        "Customs seize {millions} counterfeit items at the border",
        "{place} traders pledge to keep fakes off their shelves",
        "Crackdown on counterfeit {product} nets hundreds of suspects",
        "Prosecutors charge thousands with intellectual property crimes",
    ],
    "cooperation": [
        "China and WIPO deepen cooperation on innovation",
        "China, EU hold dialogue on intellectual property rights",
        "Patent offices of China, Japan and ROK meet in {place}",
        "China signs IP cooperation deals with Belt and Road partners",
        "Foreign chambers see progress in China's IP protection",
    ],
    "policy": [
        "China unveils plan to build strong IP nation",
        "State Council calls for stronger protection of innovation",
        "China raises compensation cap in amended patent law",
        "New guideline puts intellectual property at heart of growth",
        "China to set up more IP protection centers in {year}",
    ],
    "licensing": [
        "{Company} patent licensing revenue reaches {dollars}",
        "Patent commercialization rate of Chinese firms rises to {pct}",
        "Universities urged to turn more patents into products",
        "Patent pledge financing in China hits {yuan}",
        "{place} opens trading platform for patents and trademarks",
    ],
    "gi": [
        "Geographical indications lift incomes of tea growers",
        "China and EU protect each other's geographical indications",
        "{gi} producers fight counterfeit labels",
        "Regulators tighten rules on use of geographical indication marks",
    ],
}
_LEADS = {
    "patents": [
        "China granted {count_k} invention patents last year, up {pct} year on year, "
        "{office} said {on_day}.",
        "Invention patent applications in {place} rose {pct} in {prev}, driven by companies in "
        "{industry}, local authorities said {on_day}.",
        "Chinese applicants filed {count} international patent applications through "
        "{wipo}'s Patent Cooperation Treaty last year, {office} said {on_day}.",
    ],
    "trademarks": [
        "Market regulators in {place} have handled {count} cases of malicious trademark "
        "registration since the start of the year, {regulator} said {on_day}.",
        "China registered {millions} trademarks last year, while applications fell {small_pct}, "
        "according to figures released by {office} {on_day}.",
        "A court in {place} ruled {on_day} that {firm} had infringed a rival's registered "
        "trademark for {product} and ordered it to pay {yuan} in damages.",
    ],
    "copyright": [
        "{court} ordered a video platform {on_day} to pay {yuan} for streaming {work} without "
        "permission, in one of the largest copyright awards this year.",
        "Authorities removed {count} links to pirated {product} during the {campaign} "
        "campaign, {ncac} said {on_day}.",
        "China's copyright registrations rose {pct} to {millions} last year, {ncac} said {on_day}.",
    ],
    "trade_secrets": [
        "{spc} {on_day} upheld an award of {yuan} in a trade secret dispute between two makers "
        "of {product}, in a ruling lawyers said would raise the cost of stealing technology.",
        "{firm} has won a lawsuit against three former engineers who took design files for "
        "{product} to a competitor, a court in {place} said {on_day}.",
        "{mofcom} said {on_day} that it would draft rules to better protect the trade secrets "
        "of foreign-invested companies.",
    ],
    "ai": [
        "A court in {place} has ruled that an image generated with artificial intelligence "
        "software is protected by copyright, in what legal experts described as a landmark "
        "case, local media reported {on_day}.",
        "{office} released guidelines {on_day} on the examination of patent applications "
        "involving artificial intelligence and big data.",
        "Patent applications related to artificial intelligence in {place} grew {pct} last "
        "year, the city's IP authorities said {on_day}.",
    ],
    "courts": [
        "Chinese courts concluded {count_k} intellectual property cases last year, up {pct} "
        "year on year, {spc} said {on_day}.",
        "{court} has heard {count} cases since it was set up, and foreign parties were "
        "involved in about one in {small} of them, its president said {on_day}.",
        "Punitive damages were applied in {count} intellectual property cases last year, "
        "{spc} said {on_day} in its annual report on judicial protection.",
    ],
    "enforcement": [
        "Chinese police cracked {count} criminal cases involving intellectual property "
        "infringement and counterfeit goods last year, {mps} said {on_day}.",
        "Customs officers seized {millions} suspected counterfeit items in the first half of "
        "the year, {gacc} said {on_day}.",
        "More than {count} merchants in {place} signed a pledge {on_day} to stop selling "
        "counterfeit {product}.",
    ],
    "cooperation": [
        "China and {wipo} will deepen cooperation in innovation, technology and "
        "digitalization, officials from both sides said {on_day} in {place}.",
        "Chinese and European officials met in {place} {on_day} for their annual dialogue on "
        "intellectual property rights.",
        "The heads of the patent offices of China, Japan and the Republic of Korea agreed "
        "{on_day} to share more examination data.",
    ],
    "policy": [
        "China will build a high-standard intellectual property protection system and make "
        "the country strong on intellectual property, according to a plan released by "
        "{state_council} {on_day}.",
        "Chinese authorities said {on_day} that punitive damages of up to five times the "
        "losses would be applied to serious and deliberate infringements.",
        "China will set up {small} more intellectual property protection centers this year, "
        "{office} said {on_day}.",
    ],
    "licensing": [
        "{Company} said {on_day} that it received about {dollars} in patent licensing revenue "
        "last year, as it signed new deals with carmakers and smartphone makers.",
        "The patent commercialization rate of Chinese enterprises rose to {pct} last year, "
        "according to a survey released by {office} {on_day}.",
        "Chinese companies raised {yuan} through patent and trademark pledge financing last "
        "year, {office} said {on_day}.",
    ],
    "gi": [
        "Growers of {gi} have seen their incomes rise since the product won geographical "
        "indication protection, local officials in {place} said {on_day}.",
        "An agreement under which China and the European Union protect each other's "
        "geographical indications took a new step forward {on_day}.",
        "Market regulators said {on_day} they would tighten rules on the use of geographical "
        "indication marks after finding fake labels on {gi}.",
    ],
}
_FACTS = {
    "patents": [
        "The country had {millions} valid invention patents by the end of {prev}, {office} said.",
        "Companies accounted for {pct} of the invention patents granted to domestic applicants.",
        "{Company} was the top corporate filer {in_a_row}, with {count} published applications.",
        "The average examination period for invention patents was cut to {small} months.",
        "Patent-intensive industries contributed {pct} of the country's GDP.",
        "Applications in {industry} grew fastest, followed by {industry2}.",
        "China ranked {rank} in the Global Innovation Index released by {wipo}.",
    ],
    "trademarks": [
        "The office rejected {count} bad-faith trademark applications last year.",
        "Trademark examination now takes about {small} months on average.",
        "Registered trademarks in the country exceeded {millions}, {regulator} said.",
        "Many of the squatted marks copied the names of well-known brands of {product}.",
        "Applicants from abroad filed {count} trademark applications in China last year.",
    ],
    "copyright": [
        "The platform had streamed {work} more than {millions} times before it was taken down.",
        "The {campaign} campaign targeted pirated {product}, e-books and live streaming.",
        "Total copyright registrations reached {millions}, up {pct} from a year earlier.",
        "The amended Copyright Law raised the cap on statutory damages to 5 million yuan.",
        "Software copyright registrations accounted for {pct} of the total.",
    ],
    "trade_secrets": [
        "The court found that the defendants had obtained the technology through a former "
        "employee and used it to build a competing production line.",
        "Damages were set at five times the actual losses because the infringement was deliberate.",
        "Trade secret cases heard by Chinese courts rose {pct} last year.",
        "{rival} was ordered to stop using the stolen design documents.",
    ],
    "ai": [
        "The court found that the plaintiff had made an intellectual investment by entering "
        "more than {small} prompts and adjusting the model's settings.",
        "Applications involving deep learning made up {pct} of the total.",
        "The guidelines say that an invention must show a technical contribution and cannot "
        "simply apply an algorithm.",
        "Chinese applicants filed {count} generative AI patent applications, the most of any "
        "country, a {wipo} report showed.",
    ],
    "courts": [
        "Among them, {count} were criminal cases involving IP infringement.",
        "Total compensation awarded in those cases reached {yuan}.",
        "More than {count} of the cases involved foreign parties.",
        "The court also released {small} typical cases, including a dispute over the "
        "trademark of a century-old brand.",
        "The average trial period for patent cases was shortened to {small} months.",
    ],
    "enforcement": [
        "Police arrested {count} suspects during the year, up {pct} year on year.",
        "The fake goods seized were worth {yuan}.",
        "The cases were handled under the {campaign} campaign, which targeted fake medicines "
        "and counterfeit {product}.",
        "More than {count} online stores selling fakes were shut down.",
        "Local regulators handled {count} counterfeiting cases and imposed fines totaling {yuan}.",
    ],
    "cooperation": [
        "China has signed cooperation agreements with more than {small} countries and regions.",
        "The two sides signed a memorandum on exchanging patent examination data.",
        "China joined the Hague Agreement on industrial designs, and its applicants quickly "
        "became among the largest users of the system.",
        "A survey by {amcham} found that {pct} of its members saw improvement in IP protection.",
        "Officials discussed the protection of geographical indications and the fight "
        "against online infringement.",
    ],
    "policy": [
        "The plan sets a target of {small} high-value invention patents per 10,000 people by "
        "the end of the period.",
        "The burden of proof on right holders will be eased.",
        "The country has set up {small} IP protection centers to offer fast-track examination.",
        "Small and micro businesses will get better services and lower fees.",
        "The measures are part of a guideline to build a strong IP nation by 2035.",
    ],
    "licensing": [
        "Its licensing program covers 4G and 5G cellular standards, Wi-Fi and video coding.",
        "Universities still lag far behind, with a commercialization rate of only {small_pct}.",
        "The average licensing fee for a patent was {count} yuan.",
        "Royalty payments for the use of intellectual property reached {dollars}.",
        "The company holds more than {count} active patents worldwide.",
    ],
    "gi": [
        "China has recognized {count} geographical indication products.",
        "The annual output value of GI products exceeded {yuan}.",
        "Fake labels were found on goods sold online in {small} provinces.",
        "The agreement covers {small}0 products from each side, including {gi}.",
    ],
}
_STATS = [
    "In {prev}, China's spending on research and development reached {yuan}.",
    "The number rose {pct} from a year earlier, official data showed.",
    "About {pct} of the companies surveyed said enforcement had improved.",
    "China ranked {rank} in the Global Innovation Index, up from {rank} a year earlier.",
    "The figure has risen {in_a_row}.",
    "Royalty income from abroad rose {pct} to {dollars}.",
    "The office received {count} applications from {place} alone.",
    "Fines totaling {yuan} were imposed last year.",
    "Applicants in {place} filed {count} invention patent applications, {small_pct} more "
    "than in {prev}.",
    "The number of IP cases handled by courts in {place} rose {pct} to {count}.",
    "Intellectual property royalties paid abroad totaled {dollars}, data showed.",
    "High-tech enterprises in {place} number more than {count}, up {small_pct} year on year.",
    "The IP service sector employs about {millions} people, with revenue of {yuan}.",
    "{place} ranked {rank} among Chinese cities for patent filings {in_a_row}.",
    "Average compensation in patent cases rose to {yuan}.",
    "The number of registered geographical indication marks reached {count}.",
]
_BACKGROUND = [
    "China has always attached great importance to intellectual property protection.",
    "Intellectual property is a key driver of innovation-driven development.",
    "The country has built a comparatively complete legal system for IP protection since "
    "its first patent law came into force in 1985.",
    "Foreign companies have long complained about weak enforcement at the local level.",
    "Legal experts say the rules reflect the growing value of innovation in the economy.",
    "The move comes as competition in {industry} intensifies.",
    "Observers said the figures showed a shift from quantity to quality.",
    "The city is home to thousands of high-tech enterprises in {industry}.",
    "Analysts expect the trend to continue as more companies go global.",
    "The {industry} sector has been a focus of the country's innovation policy for years.",
    "Small and medium-sized enterprises often lack the money and expertise to defend their rights.",
    "Many cases involve e-commerce platforms, where infringing goods can spread quickly.",
    "Local governments have introduced subsidies for high-value patents.",
    "Some experts warn that the number of low-quality filings remains high.",
    "Intellectual property disputes have become a regular feature of trade talks.",
]
_CLOSINGS = [
    "The rules will take effect next month.",
    "The event will last for two days.",
    "Further details will be released later this year.",
    "The case can still be appealed.",
    "Members of the public can report suspected infringement online.",
    "The report will be submitted to lawmakers for review.",
]
_QUOTES = {
    "general": [
        "Protecting intellectual property rights is protecting innovation",
        "We will keep strengthening protection at every link, from examination to enforcement",
        "Strict protection remains our guiding principle",
        "The numbers show that enforcement is moving from words to deeds",
        "Foreign companies are treated exactly the same as domestic ones",
        "Quality now matters more than quantity",
        "We want inventors to spend their time in the lab, not in the courtroom",
        "There is still a gap between what right holders expect and what we deliver",
    ],
    "patents": [
        "The growth in high-value patents shows that innovation is becoming more mature",
        "Speed is the lifeline of innovation for companies in these fields",
        "We will keep cracking down on abnormal patent applications",
    ],
    "trademarks": [
        "Malicious squatting harms honest businesses and misleads consumers",
        "A trademark is the face of a company, and it deserves protection",
    ],
    "copyright": [
        "Creators will find it easier and cheaper to defend their rights",
        "Piracy is theft, whatever the platform",
    ],
    "trade_secrets": [
        "Those who steal technology will pay a heavy price",
        "Companies must also do more to protect their own secrets",
    ],
    "ai": [
        "The law has to keep pace with new technologies",
        "Human creativity is still at the core of copyright, even when AI is the tool",
    ],
    "courts": [
        "We will never tolerate infringement",
        "Compensation should reflect the market value of innovations",
    ],
    "enforcement": [
        "Online sales of counterfeit goods have become the main battlefield",
        "Counterfeits damage the reputation of the whole city, not just the brands they copy",
    ],
    "cooperation": [
        "Intellectual property knows no borders, and neither should cooperation",
        "China is an important partner in the global IP system",
    ],
    "policy": [
        "The plan answers the needs of a new stage of development",
        "Intellectual property is the most valuable asset of our innovators",
    ],
    "licensing": [
        "Patents should not be locked in drawers. Their value lies in being used",
        "Licensing is a way to share innovation, not to build walls",
    ],
    "gi": [
        "The label tells buyers where the product really comes from",
        "Protection has given our growers a fair price",
    ],
}
_REPORTED = {
    "general": [
        "that the authorities would step up protection in {industry}",
        "that the measures would help attract foreign investment",
        "that more work was needed to lower the cost of defending rights",
        "that the number of cases was expected to rise again this year",
    ],
    "patents": ["that the examination period would be cut further next year"],
    "trademarks": ["that bad-faith filings had fallen for the first time"],
    "copyright": ["that platforms would be held responsible for pirated uploads"],
    "trade_secrets": ["that companies should sign confidentiality agreements with key staff"],
    "ai": ["that rules on training data were under study"],
    "courts": ["that courts would publish more typical cases to guide businesses"],
    "enforcement": ["that criminal gangs increasingly used livestreaming to sell fakes"],
    "cooperation": ["that the two sides would hold their next meeting in {year}"],
    "policy": ["that the plan would be reviewed at the end of the period"],
    "licensing": ["that more universities would set up technology transfer offices"],
    "gi": ["that fake labels would be removed from online stores"],
}
TOPICS = list(_TITLES)
# News volume by topic: patents and enforcement are the most written about.
_TOPIC_WEIGHTS = [16, 10, 10, 6, 8, 12, 12, 9, 8, 6, 3]

_CAPTIONS = [
    "Visitors look at patented products at an intellectual property exhibition in {place}",
    "Staff members check trademark applications at a service center in {place}",
    "A judge presides over an intellectual property hearing in {place}",
    "Law enforcement officers inspect counterfeit {product} in {place}",
    "A visitor tries out a robot at an industrial expo in {place}",
    "Engineers work in a laboratory of a technology company in {place}",
    "Customs officers check a shipment of {product} at a port in {place}",
]


@dataclass
class Article:
    """What the generator means an article to be (the manifest) and its story text."""

    index: int
    date: dt.date
    time: dt.time
    topic: str
    title: str
    lead: str
    paragraphs: list[str]  # after the lead
    people: list[str]
    organizations: list[str]
    place: str
    place_desc: str
    caption: str  # without credit, or ""
    reporters: list[str] = field(default_factory=list)
    editor: str = ""
    title_derived: bool = False


def _weighted_year(rng: random.Random, index: int) -> int:
    """Every year early on (so a corpus of 22+ articles has them all), then more recent ones
    more often, as news volume grew."""
    if index < len(YEARS):
        return YEARS[(index * 7) % len(YEARS)]
    return rng.choices(YEARS, cum_weights=_YEAR_CUM, k=1)[0]


_YEAR_CUM: list[float] = []
_total = 0.0
for _year in YEARS:
    _total += 1.0 + (_year - FIRST_YEAR) * 0.12
    _YEAR_CUM.append(_total)
_TOPIC_CUM: list[float] = []
_total = 0.0
for _weight in _TOPIC_WEIGHTS:
    _total += _weight
    _TOPIC_CUM.append(_total)


def draft_article(
    rng: random.Random, index: int, style: Style, topics: tuple[str, ...] = ()
) -> Article:
    year = _weighted_year(rng, index)
    date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    clock = dt.time(rng.randrange(7, 23), rng.randrange(60), rng.randrange(60))
    topic = TOPICS[bisect.bisect_left(_TOPIC_CUM, rng.random() * _TOPIC_CUM[-1])]
    if topics and topic not in topics:
        topic = rng.choice(topics)
    draft = _Draft(rng, date, topic, style)
    title = draft.fill(rng.choice(_TITLES[topic]))
    title = title[0].upper() + title[1:]
    lead = draft.fill(rng.choice(_LEADS[topic]))
    lead = lead[0].upper() + lead[1:]

    random_ = rng.random
    target = rng.randrange(150, 600)
    words = len(lead.split())
    paragraphs: list[str] = []
    used: set[str] = set()  # templates: no sentence pattern twice in one article
    facts, quotes = _FACTS[topic], 0
    attempts = 0
    while words < target and attempts < 80:
        attempts += 1
        roll = random_()
        if roll < 0.32 or (quotes == 0 and len(paragraphs) == 1):
            text = draft.quote()
            quotes += 1
        else:
            pool = facts if roll < 0.62 else _STATS if roll < 0.8 else _BACKGROUND
            template = pool[int(random_() * len(pool))]
            if template in used:
                continue
            used.add(template)
            text = draft.fill(template)
        if paragraphs and random_() < 0.25 and len(paragraphs[-1]) < 300:
            paragraphs[-1] += " " + text  # two sentences in one paragraph
        else:
            paragraphs.append(text)
        words += len(text.split())
    if rng.random() < 0.3:
        paragraphs.append(rng.choice(_CLOSINGS))
    caption = ""
    if rng.random() < 0.45:
        caption = draft.fill(rng.choice(_CAPTIONS))
    return Article(
        index=index,
        date=date,
        time=clock,
        topic=topic,
        title=title,
        lead=lead,
        paragraphs=paragraphs,
        people=[person.name for person in draft.people],
        organizations=list(draft.orgs),
        place=draft.place,
        place_desc=draft.place_desc,
        caption=caption,
    )


# --- Layouts: how each outlet prints a page --------------------------------------------------

_FIRST_SENTENCE_RE = re.compile(r"^(.+?[.!?])(?:\s+[A-Z“\"]|$)")


def derived_title(lead: str) -> str:
    """The headline the importer derives from a lead without one (see pipeline.derive_title)."""
    match = _FIRST_SENTENCE_RE.match(lead)
    sentence = (match.group(1) if match else lead).rstrip(".")
    if len(sentence) <= 80:
        return sentence
    return sentence[:80].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _curly(text: str) -> str:
    text = re.sub(r"(^|[\s(])\"", "\\1“", text)
    return text.replace('"', "”").replace("'", "’")


def _date_us(date: dt.date) -> str:  # April 7, 2020
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def _dateline_date(date: dt.date) -> str:  # Jan. 22
    return f"{XINHUA_MONTHS[date.month - 1]} {date.day}"


def _clock12(time_: dt.time) -> str:
    hour = time_.hour % 12 or 12
    return f"{hour:02d}:{time_.minute:02d} {'AM' if time_.hour < 12 else 'PM'}"


_COMMON_FIRST_WORDS = {"The", "A", "An", "More", "Market", "Customs", "Authorities", "Growers"}
_COMMON_FIRST_WORDS |= {"Invention", "Patent", "Punitive", "Copyright"}


def _lower_first(text: str) -> str:
    """`The court ...` -> `the court ...` after `On April 20, 2021, `; names keep capitals."""
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first in _COMMON_FIRST_WORDS else text


def _body(article: Article, first: str = "") -> list[str]:
    return [first + article.lead, *article.paragraphs]


def _related(rng: random.Random) -> list[str]:
    lines = []
    for _ in range(rng.randrange(1, 4)):
        topic = rng.choice(TOPICS)
        template = rng.choice(_TITLES[topic])
        draft = _Draft(rng, dt.date(2020, 1, 1), topic, Style())
        lines.append(draft.fill(template))
    return lines


def _reporter(rng: random.Random, foreign: bool = False) -> str:
    return rng.choice(_FOREIGN_REPORTERS if foreign else _REPORTERS)


Renderer = Callable[[random.Random, Article], str]


def _xinhua_classic(rng: random.Random, a: Article) -> str:
    """Old xinhuanet.com: nav, title, `Source: Xinhua| date time|Editor: huaxia`, Enditem."""
    dateline = f"{a.place.upper()}, {_dateline_date(a.date)} (Xinhua) -- "
    body = _body(a, dateline)
    body[-1] += " Enditem"
    stamp = f"{a.date.isoformat()} {a.time.isoformat()}"
    editor = rng.choice(["huaxia", "huaxia", "Xiang Bo", "Yurou"])
    a.editor = editor if " " in editor else ""
    lines = [
        "Home | China | World | Business | Culture | Sci-Tech | Sports | Photos | Video",
        "",
        a.title,
        "",
        f"Source: Xinhua| {stamp}|Editor: {editor}",
        "",
        "Video PlayerClose",
        "",
        "\n\n".join(body),
        "",
        "Related:",
        *_related(rng),
        "",
        f"Copyright © 2000-{a.date.year} XINHUANET.com All rights reserved.",
    ]
    return "\n".join(lines) + "\n"


def _xinhua_news_cn(rng: random.Random, a: Article) -> str:
    """english.news.cn: title, Source/Editor/timestamp lines, share bar, dateline."""
    a.editor = _reporter(rng)
    dateline = f"{a.place.upper()}, {_dateline_date(a.date)} (Xinhua) -- "
    body = _body(a, dateline)
    lines = [
        a.title,
        "",
        "Source: Xinhua",
        "",
        f"Editor: {a.editor}",
        "",
        f"{a.date.isoformat()} {a.time.isoformat()}",
        "",
        "Share: WeChat | Weibo | Facebook | Twitter | LinkedIn",
        "",
        "\n\n".join(body),
        "",
    ]
    return "\n".join(lines)


def _xinhua_seed(rng: random.Random, a: Article) -> str:
    """Like seed 000: `Updated: April 28, 2023 Source: Xinhua News Agency`, credited photo."""
    a.editor = _reporter(rng)
    dateline = f"{a.place.upper()}, {_dateline_date(a.date)} (Xinhua) -- "
    lines = [a.title, "", f"Updated: {_date_us(a.date)} Source: Xinhua News Agency"]
    lines += ["fontLarger fontSmaller", ""]
    if a.caption:
        shot = a.date - dt.timedelta(days=rng.randrange(0, 2))
        lines += [
            f"{a.caption}, {a.place_desc}, {_date_us(shot)}. (Xinhua/{_reporter(rng)})",
            "",
        ]
    lines += ["\n\n".join(_body(a, dateline)), "", f"Editor: {a.editor}", ""]
    return "\n".join(lines)


def _xinhua_dateline_only(rng: random.Random, a: Article) -> str:
    """No header date at all: the dateline's month and day, the year from the text."""
    dateline = f"{a.place.upper()}, {_dateline_date(a.date)} (Xinhua) -- "
    lead = a.lead.rstrip(".") + f", at the opening of the {a.date.year} {a.place} IP Forum."
    body = [dateline + lead, *a.paragraphs]
    return a.title + "\n\n" + "\n\n".join(body) + "\n"


def _china_daily(rng: random.Random, a: Article) -> str:
    reporter = _reporter(rng)
    a.reporters = [reporter]
    where = rng.choice(["", f" in {a.place}"])
    desk = rng.choice(["China Daily", "chinadaily.com.cn", "China Daily Global"])
    stamp = f"{a.date.isoformat()} {a.time.hour:02d}:{a.time.minute:02d}"
    section = rng.choice(["China / Society", "Business / Companies", "China / Innovation"])
    lines = [
        "China Daily",
        "Home | China | World | Business | Lifestyle | Culture | Travel | Sports | Opinion",
        "Global Edition",
        f"Home / {section}",
        "",
        a.title,
        f"By {reporter}{where} | {desk} | Updated: {stamp}",
        "",
        "Share - WeChat",
        "",
    ]
    if a.caption:
        credit = rng.choice(
            [
                "[Photo/Xinhua]",
                "[Photo/VCG]",
                "[Photo/IC]",
                f"[Photo by {_reporter(rng)}/China Daily]",
            ]
        )
        lines += [f"{a.caption}. {credit}", ""]
    lines += ["\n\n".join(_body(a)), ""]
    if rng.random() < 0.5:
        handle = reporter.lower().replace(" ", "")
        lines += [f"Contact the writer at {handle}@chinadaily.com.cn", ""]
    lines += [
        "Share - WeChat",
        "",
        f"Copyright 1995 - {a.date.year} . All rights reserved. The content (including but not "
        "limited to text, photo, multimedia information, etc) published in this site belongs "
        "to China Daily Information Co (CDIC). Without written authorization from CDIC, such "
        "content shall not be republished or used in any form.",
        "License for publishing multimedia online 0108263",
        "Registration Number: 130349",
        "",
    ]
    return "\n".join(lines)


def _china_daily_caption_date(rng: random.Random, a: Article) -> str:
    """No header date: the photo caption carries it (`on Nov 8, 2022. [Photo/IC]`)."""
    caption = a.caption or draft_caption(rng, a)
    a.caption = caption
    lines = [
        "chinadaily.com.cn",
        "Home | China | World | Business | Lifestyle | Culture | Travel | Sports | Opinion",
        "",
        a.title,
        "",
        f"{caption} on {MON3[a.date.month - 1]} {a.date.day}, {a.date.year}. [Photo/IC]",
        "",
        "\n\n".join(_body(a)),
        "",
    ]
    return "\n".join(lines)


def draft_caption(rng: random.Random, a: Article) -> str:
    return rng.choice(_CAPTIONS).format(place=a.place, product=rng.choice(PRODUCTS))


_CGTN_HEAD = [
    "By continuing to browse our site you agree to our use of cookies, revised Privacy Policy "
    "and Terms of Use. You can change your cookie settings through your browser.",
]


def _cgtn(rng: random.Random, a: Article) -> str:
    stamp = f"{a.time.hour:02d}:{a.time.minute:02d}, {a.date.day:02d}-{MON3[a.date.month - 1]}-"
    lines = [
        *_CGTN_HEAD,
        "I agree",
        "Live",
        "China",
        "World",
        "Business",
        "Tech & Sci",
        "Opinions",
        "",
        rng.choice(["CHINA", "BUSINESS", "TECH & SCI"]),
        "",
        a.title,
        "",
        f"Updated {stamp}{a.date.year}",
        "",
        "CGTN",
        "",
    ]
    if a.caption:
        lines += [f"{a.caption}. /{rng.choice(['CFP', 'Xinhua', 'VCG'])}", ""]
    lines += ["\n\n".join(_body(a)), "", *_cgtn_foot(a.date.year)]
    return "\n".join(lines) + "\n"


def _cgtn_foot(year: int) -> list[str]:
    return [
        "SITEMAP",
        f"Copyright © {year} CGTN. 京ICP备20000184号",
        "Disinformation report hotline: 010-85061466",
    ]


def _cgtn_untitled(rng: random.Random, a: Article) -> str:
    """Like seed 001: no headline; the date is in the caption; lines without blank ones."""
    caption = a.caption or draft_caption(rng, a)
    a.caption = caption
    a.title, a.title_derived = derived_title(a.lead), True
    head = [*_CGTN_HEAD, *_cgtn_foot(a.date.year)]
    lines = [
        *head,
        *head[1:],
        f"{caption}, China, {_date_us(a.date)}. /Xinhua",
        *_body(a),
    ]
    return "\n".join(lines) + "\n"


def _global_times(rng: random.Random, a: Article) -> str:
    byline = rng.choice(["Global Times", _reporter(rng)])
    if byline != "Global Times":
        a.reporters = [byline]
    section = rng.choice(["SOURCE / ECONOMY", "SOURCE / CHINA", "SOURCE / IN-DEPTH"])
    stamp = f"{MON3[a.date.month - 1]} {a.date.day:02d}, {a.date.year} {_clock12(a.time)}"
    lines = [section, a.title, f"By {byline}", f"Published: {stamp}", ""]
    if rng.random() < 0.6:
        credit = rng.choice(["Photo: VCG", "Photo: IC", "IPR Photo:VCG", "Photo: Xinhua"])
        lines += [credit, ""]
    lines += ["\n\n".join(_body(a)), ""]
    if rng.random() < 0.5:
        lines += ["Global Times", ""]
    return "\n".join(lines)


def _gov_cn(rng: random.Random, a: Article) -> str:
    stamp = f"{MON3[a.date.month - 1]} {a.date.day}, {a.date.year} "
    stamp += f"{a.time.hour:02d}:{a.time.minute:02d}  {rng.choice(['Xinhua', 'gov.cn'])}"
    lines = [
        "Home | Premier | State Council | News | Policies | Services | Archive",
        "",
        a.title,
        "",
        f"Updated: {stamp}",
        "",
        "\n\n".join(_body(a, f"{a.place.upper()} -- ")),
        "",
        "Copyright© www.gov.cn | About us | Contact us",
        "Website Identification Code bm01000001",
        "Registered Number: 05070218",
        "",
    ]
    return "\n".join(lines)


def _wipo(rng: random.Random, a: Article) -> str:
    a.place = "Geneva"
    words = a.title.split()
    title = " ".join(w if w[0].isupper() or len(w) <= 3 else w.capitalize() for w in words)
    a.title = title
    lines = [
        "WIPO Home > About IP > Press Room > Press Releases",
        "",
        title,
        "",
        f"PR/{a.date.year}/{rng.randrange(700, 999)}",
        "",
        f"Geneva, {_date_us(a.date)}",
        "",
        "\n\n".join(_body(a, "GENEVA — ")),
        "",
        "Media contacts",
        "WIPO Media Relations Section",
        "Tel: (+41 22) 338 81 61",
        "Email: publicinf@wipo.int",
        "",
        "Related Links",
        f"PCT Yearly Review {a.date.year}",
        "",
    ]
    return "\n".join(lines)


def _peoples_daily(rng: random.Random, a: Article) -> str:
    editors = [_reporter(rng), _reporter(rng)]
    a.editor = ", ".join(editors)
    stamp = f"{a.time.hour:02d}:{a.time.minute:02d}, {MONTHS[a.date.month - 1]} "
    stamp += f"{a.date.day:02d}, {a.date.year}"
    lines = [
        "English | 中文 | Home | China | Business | World | Military | Society | Culture | Photos",
        "",
        a.title,
        "",
        f"(People's Daily Online)    {stamp}",
        "",
        "\n\n".join(_body(a)),
        "",
        f"(Web editor: {a.editor})",
        "",
        "人民网版权所有，未经书面授权禁止使用",
        f"Copyright © 1997-{a.date.year} by www.people.com.cn. all rights reserved",
        "",
    ]
    return "\n".join(lines)


def _scmp(rng: random.Random, a: Article) -> str:
    reporter = _reporter(rng, foreign=rng.random() < 0.4)
    a.reporters = [reporter]
    lines = [
        "Sign in",
        rng.choice(["China / Politics", "Hong Kong / Economy", "Business / Companies"]),
        "",
        a.title,
        "",
        f"Officials hope companies in {a.place} will do more to protect their inventions",
        "",
        f"By {reporter}",
        f"{a.date.day} {MONTHS[a.date.month - 1]} {a.date.year}",
        "Why you can trust SCMP",
        "",
        "Advertisement",
        "",
    ]
    body = _body(a)
    if len(body) > 4:
        body.insert(3, "Advertisement")
    lines += [
        "\n\n".join(body),
        "",
        "Related Articles",
        *_related(rng),
        "Topics: China economy, Intellectual property",
        "",
        f"Copyright © {a.date.year} South China Morning Post Publishers Ltd. All rights reserved.",
        "",
    ]
    return "\n".join(lines)


_WIRE_PLACES = ["BEIJING", "SHANGHAI", "HONG KONG", "WASHINGTON", "GENEVA", "SHENZHEN"]


def _reuters(rng: random.Random, a: Article) -> str:
    reporters = [_reporter(rng, foreign=True), _reporter(rng, foreign=True)]
    reporters = list(dict.fromkeys(reporters))
    editor = _reporter(rng, foreign=True)
    a.reporters, a.editor = reporters, editor
    hour = a.time.hour % 12 or 12
    stamp = f"{_date_us(a.date)} / {hour}:{a.time.minute:02d} "
    stamp += f"{'AM' if a.time.hour < 12 else 'PM'} / Updated {rng.randrange(1, 9)} hours ago"
    place = a.place.upper() if rng.random() < 0.6 else rng.choice(_WIRE_PLACES)
    if editor in reporters:
        editor = a.editor = _reporter(rng)
    lines = [
        rng.choice(["Business News", "Technology News", "World News"]),
        stamp,
        "",
        a.title,
        "",
        f"By {', '.join(reporters)}",
        "",
        f"{rng.randrange(2, 6)} Min Read",
        "",
        "\n\n".join(_body(a, f"{place} (Reuters) - ")),
        "",
        f"(Reporting by {' and '.join(reporters)}; Editing by {editor})",
        "",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "",
    ]
    return "\n".join(lines)


def _ap(rng: random.Random, a: Article) -> str:
    reporters = list(dict.fromkeys([_reporter(rng, foreign=True), _reporter(rng)]))
    a.reporters = reporters
    place = a.place.upper() if rng.random() < 0.6 else rng.choice(_WIRE_PLACES)
    contributor = _reporter(rng)
    lines = [
        "AP NEWS",
        "Top Stories | Topics | Video | Listen",
        "",
        a.title,
        "",
        f"By {' and '.join(name.upper() for name in reporters)}",
        "Associated Press",
        _date_us(a.date),
        "",
        "\n\n".join(_body(a, f"{place} (AP) — ")),
        "",
        "___",
        "",
        f"Associated Press writer {contributor} in Beijing contributed to this report.",
        "",
        f"Copyright {a.date.year} The Associated Press. All rights reserved. This material may "
        "not be published, broadcast, rewritten or redistributed.",
        "",
    ]
    return "\n".join(lines)


def _ecns(rng: random.Random, a: Article) -> str:
    a.editor = _reporter(rng)
    lines = [
        a.title,
        "",
        f"{a.date.isoformat()} {a.time.isoformat()} ECNS",
        f"Editor: {a.editor}",
        "ECNS App Download",
        "",
        "\n\n".join(_body(a, "(ECNS) -- ")),
        "",
        "Related news",
        *_related(rng),
        f"Copyright ©1999-{a.date.year} Chinanews.com. All rights reserved.",
        "",
    ]
    return "\n".join(lines)


def _china_ip_news(rng: random.Random, a: Article) -> str:
    """Like seed 003: title, `Source: China IP News`, a release-time line, plain paragraphs."""
    lines = [
        a.title,
        "",
        "",
        "Source: China IP News",
        f"Release time: {a.date.isoformat()}",
        "",
        "",
        "\n\n".join(_body(a)),
        "",
    ]
    return "\n".join(lines)


def _shenzhen_daily(rng: random.Random, a: Article) -> str:
    """A body date (`On April 20, 2021, ...`) and a `Writer: | Editor: | From:` line."""
    writer, editor = _reporter(rng), _reporter(rng, foreign=True)
    a.reporters, a.editor = [writer], editor
    lead = f"On {_date_us(a.date)}, {_lower_first(a.lead)}"
    lines = [
        a.title,
        "",
        f"Writer: {writer}  |  Editor: {editor}  |  From: Shenzhen Daily",
        "",
        "\n\n".join([lead, *a.paragraphs]),
        "",
    ]
    return "\n".join(lines)


def _single_block(rng: random.Random, a: Article) -> str:
    """Like seed 004: title, a bare timestamp, one long paragraph opened by `[Photo/VCG]`."""
    stamp = f"{a.date.isoformat()} {a.time.isoformat()}"
    return f"{a.title}\n\n{stamp}\n\n[Photo/VCG] {' '.join(_body(a))}"


# (name, renderer, outlet, share, encodings it may use beyond UTF-8)
_TXT_LAYOUTS: list[tuple[str, Renderer, str, int, tuple[str, ...]]] = [
    ("xinhua_classic", _xinhua_classic, "Xinhua News Agency", 12, ("utf-16",)),
    ("xinhua_news_cn", _xinhua_news_cn, "Xinhua News Agency", 10, ("utf-8-sig",)),
    ("xinhua_seed", _xinhua_seed, "Xinhua News Agency", 6, ()),
    ("xinhua_dateline_only", _xinhua_dateline_only, "Xinhua News Agency", 2, ()),
    ("china_daily", _china_daily, "China Daily", 14, ("crlf",)),
    ("china_daily_caption_date", _china_daily_caption_date, "China Daily", 2, ()),
    ("cgtn", _cgtn, "CGTN", 8, ("utf-16",)),
    ("cgtn_untitled", _cgtn_untitled, "CGTN", 2, ()),
    ("global_times", _global_times, "Global Times", 10, ("cp1252",)),
    ("gov_cn", _gov_cn, "gov.cn", 4, ("utf-8-sig",)),
    ("wipo", _wipo, "World Intellectual Property Organization", 3, ()),
    ("peoples_daily", _peoples_daily, "People's Daily Online", 6, ("gb18030",)),
    ("scmp", _scmp, "South China Morning Post", 4, ("cp1252", "crlf")),
    ("reuters", _reuters, "Reuters", 4, ("cp1252",)),
    ("ap", _ap, "Associated Press", 3, ("crlf",)),
    ("ecns", _ecns, "ECNS", 4, ("crlf",)),
    ("china_ip_news", _china_ip_news, "China IP News", 2, ()),
    ("shenzhen_daily", _shenzhen_daily, "Shenzhen Daily", 1, ()),
    ("single_block", _single_block, "", 1, ()),
]
_CURLY_LAYOUTS = {"global_times"}
_AP_STYLE = {"ap": Style(percent="%"), "scmp": Style(percent=" per cent")}
_LAYOUT_TOPICS = {"wipo": ("patents", "cooperation", "ai", "gi", "licensing", "trademarks")}
_LAYOUT_CUM: list[float] = []
_total = 0.0
for _layout in _TXT_LAYOUTS:
    _total += _layout[3]
    _LAYOUT_CUM.append(_total)
_LAYOUT_TOTAL = _total
_ENCODING_SHARE = 0.25  # of the layouts that have an alternative encoding


# --- HTML and JSON Lines ---------------------------------------------------------------------

_HTML_SITES = [
    ("Caixin Global", "caixinglobal.com", "Caixin"),
    ("China Daily", "chinadaily.com.cn", "China Daily"),
    ("Global Times", "globaltimes.cn", "Global Times"),
    ("Sixth Tone", "sixthtone.com", "Sixth Tone"),
    ("CGTN", "news.cgtn.com", "CGTN"),
]


def _html_page(rng: random.Random, a: Article) -> tuple[str, str]:
    site, domain, outlet = rng.choice(_HTML_SITES)
    reporter = _reporter(rng, foreign=rng.random() < 0.3)
    a.reporters = [reporter]
    iso = f"{a.date.isoformat()}T{a.time.hour:02d}:{a.time.minute:02d}:00+08:00"
    shown = f"{MON3[a.date.month - 1]} {a.date.day:02d}, {a.date.year} {_clock12(a.time)}"
    slug = re.sub(r"[^a-z0-9]+", "-", a.title.lower()).strip("-")[:60]
    url = f"https://www.{domain}/{a.date.isoformat()}/{slug}-{a.index}.html"
    e = html.escape
    paragraphs = "\n".join(f"    <p>{e(p)}</p>" for p in _body(a))
    figure = ""
    if a.caption:
        figure = (
            "  <figure>\n"
            f'    <img src="/images/{a.date.year}/{a.index}.jpg" alt="">\n'
            f"    <figcaption>{e(a.caption)}. Photo: VCG</figcaption>\n"
            "  </figure>\n"
        )
    related = "\n".join(
        f'    <li><a href="/news/{i}.html">{e(t)}</a></li>' for i, t in enumerate(_related(rng))
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(a.title)} - {e(site)}</title>
<meta name="description" content="{e(a.lead[:150])}">
<meta property="og:site_name" content="{e(site)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{e(a.title)}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{iso}">
<meta name="author" content="{e(reporter)}">
<link rel="canonical" href="{url}">
<script>window.dataLayer = window.dataLayer || [];</script>
</head>
<body class="article-page">
<div class="top-bar"><a href="/subscribe/">Subscribe</a> | <a href="/login/">Sign In</a></div>
<nav class="main-nav">
  <ul>
    <li><a href="/">Home</a></li>
    <li><a href="/china/">China</a></li>
    <li><a href="/business/">Business</a></li>
    <li><a href="/tech/">Tech</a></li>
    <li><a href="/opinion/">Opinion</a></li>
  </ul>
</nav>
<main>
<article>
  <header>
    <h1>{e(a.title)}</h1>
    <div class="byline">By {e(reporter)}</div>
    <time datetime="{iso}">{shown}</time>
    <div class="share"><a href="#">Share</a> <a href="#">WeChat</a> <a href="#">Twitter</a></div>
  </header>
{figure}  <div class="article-body">
{paragraphs}
  </div>
</article>
<aside class="related">
  <h3>Related</h3>
  <ul>
{related}
  </ul>
</aside>
</main>
<footer>
  <p><a href="/about/">About Us</a> | <a href="/contact/">Contact Us</a></p>
  <p>Copyright &copy; {a.date.year} {e(site)}. All rights reserved.</p>
</footer>
</body>
</html>
"""
    return page, outlet


def _jsonl_record(rng: random.Random, a: Article) -> str:
    if rng.random() < 0.5:
        date = f"{a.date.isoformat()}T{a.time.hour:02d}:00:00+08:00"
    else:
        date = a.date.isoformat()
    first = ""
    if rng.random() < 0.5:
        first = f"{a.place.upper()}, {_dateline_date(a.date)} (Xinhua) -- "
    text = "\n\n".join(_body(a, first))
    if rng.random() < 0.6:
        text += "\n\nSource: " + rng.choice(["Xinhua", "China.org.cn", "China Daily"])
    section = rng.choice(["china", "business", "opinion"])
    url = f"http://www.china.org.cn/{section}/{a.date.isoformat()[:7]}/{a.date.day:02d}/"
    url += f"content_{70000000 + a.index}.htm"
    record = {"title": a.title, "date": date, "url": url, "text": text}
    return json.dumps(record, ensure_ascii=False)


# --- Writing --------------------------------------------------------------------------------


@dataclass
class Summary:
    articles: int = 0
    files: int = 0
    bytes: int = 0
    folders: int = 0
    seconds: float = 0.0
    layouts: Counter = field(default_factory=Counter)
    formats: Counter = field(default_factory=Counter)
    encodings: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)
    topics: Counter = field(default_factory=Counter)
    people: Counter = field(default_factory=Counter)

    def report(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        years = sorted(self.years)
        lines = [
            f"articles: {self.articles:,} in {self.files:,} files, {self.folders} folder(s), "
            f"{self.bytes / 1e6:,.1f} MB",
            f"time: {self.seconds:.1f} s ({rate:,.0f} articles/s)",
            "formats: " + _counts(self.formats),
            "encodings: " + _counts(self.encodings),
            "layouts: " + _counts(self.layouts),
            "topics: " + _counts(self.topics),
            f"years: {years[0]}-{years[-1]}, {len(years)} distinct" if years else "years: none",
            f"people: {len(self.people)} distinct; most mentioned: "
            + ", ".join(f"{name} ({count})" for name, count in self.people.most_common(5)),
        ]
        return "\n".join(lines)


def _counts(counter: Counter) -> str:
    return ", ".join(f"{key} {count:,}" for key, count in counter.most_common())


def check_out_dir(out: Path, force: bool = False, forbidden: tuple[Path, ...] = ()) -> Path:
    """The resolved output folder, or CorpusError if it may not be written."""
    resolved = out.expanduser().resolve()
    for path in (PROJECT_SEEDS, *forbidden):
        guarded = path.resolve()
        if resolved == guarded or resolved.is_relative_to(guarded):
            raise CorpusError(
                f"refusing to write into {guarded}: that folder holds the project's seed "
                "articles; choose another --out"
            )
    if resolved.exists() and not resolved.is_dir():
        raise CorpusError(f"{resolved} exists and is not a folder")
    if resolved.is_dir() and any(resolved.iterdir()) and not force:
        raise CorpusError(f"{resolved} is not empty; use --force to write into it anyway")
    return resolved


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    return text.encode(encoding)


def generate(
    out: Path,
    n: int,
    seed: int = 0,
    force: bool = False,
    manifest: bool | Path = False,
    forbidden: tuple[Path, ...] = (),
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Write `n` articles under `out`; see the module docstring. Returns what was written.

    `manifest`: True writes `out/manifest.jsonl`; a path writes it there.
    """
    if n < 0:
        raise CorpusError("--n must be zero or more")
    root = check_out_dir(out, force=force, forbidden=forbidden)
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    summary = Summary()
    started = time.perf_counter()
    manifest_file = None
    if manifest:
        manifest_path = root / "manifest.jsonl" if manifest is True else Path(manifest)
        manifest_path.parent.mkdir(parents=True, exist_ok=True)
        manifest_file = manifest_path.open("w", encoding="utf-8", newline="\n")
    folder: Path | None = None
    try:
        index = 0
        while index < n:
            file_number = summary.files
            if file_number % FILES_PER_FOLDER == 0:
                folder = root / f"{file_number // FILES_PER_FOLDER:04d}"
                folder.mkdir(exist_ok=True)
                summary.folders += 1
            roll = rng.random()
            if roll < 0.02 and n - index >= 2:
                count = min(rng.randrange(3, 9), n - index)
                data, entries = _make_jsonl(rng, index, count)
                name = f"{file_number:07d}_chinaorg_feed.jsonl"
                kind, encoding = "jsonl", "utf-8"
            elif roll < 0.06:
                article = draft_article(rng, index, Style())
                if article.date > HTML_LAST_DATE:  # see HTML_LAST_DATE
                    article.date = article.date.replace(year=HTML_LAST_DATE.year)
                page, outlet = _html_page(rng, article)
                data = page.encode("utf-8")
                entries = [_entry(article, "html", outlet, None)]
                name = f"{file_number:07d}_{outlet.lower().replace(' ', '')}.html"
                kind, encoding = "html", "utf-8"
            else:
                roll = rng.random() * _LAYOUT_TOTAL
                key, render, outlet, _, alternatives = _TXT_LAYOUTS[
                    bisect.bisect_left(_LAYOUT_CUM, roll)
                ]
                style = _AP_STYLE.get(key) or Style()
                article = draft_article(rng, index, style, _LAYOUT_TOPICS.get(key, ()))
                text = render(rng, article)
                encoding = "utf-8"
                if alternatives and rng.random() < _ENCODING_SHARE:
                    encoding = rng.choice(alternatives)
                if key in _CURLY_LAYOUTS:
                    text, article.title = _curly(text), _curly(article.title)
                data = _encode(text, encoding)
                entries = [_entry(article, key, outlet, None)]
                name = f"{file_number:07d}_{key}.txt"
                kind = "txt"
            path = folder / name
            path.write_bytes(data)
            relative = path.relative_to(root).as_posix()
            for entry in entries:
                entry["file"] = relative
                entry["encoding"] = encoding
                summary.layouts[entry["layout"]] += 1
                summary.years[entry["date"][:4]] += 1
                summary.topics[entry["topic"]] += 1
                summary.people.update(entry["people"])
                if manifest_file:
                    manifest_file.write(json.dumps(entry, ensure_ascii=False) + "\n")
            summary.articles += len(entries)
            summary.formats[kind] += len(entries)
            summary.encodings[encoding] += 1
            summary.files += 1
            summary.bytes += len(data)
            index += len(entries)
            if progress:
                progress(len(entries))
    finally:
        if manifest_file:
            manifest_file.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _make_jsonl(rng: random.Random, index: int, count: int) -> tuple[bytes, list[dict]]:
    lines, entries = [], []
    for offset in range(count):
        article = draft_article(rng, index + offset, Style())
        lines.append(_jsonl_record(rng, article))
        entries.append(_entry(article, "jsonl", "China.org.cn", offset + 1))
    return ("\n".join(lines) + "\n").encode("utf-8"), entries


def _entry(article: Article, layout: str, outlet: str, record: int | None) -> dict:
    entry = {
        "file": "",
        "record": record,
        "layout": layout,
        "encoding": "",
        "title": article.title,
        "title_derived": article.title_derived,
        "date": article.date.isoformat(),
        "outlet": outlet,
        "topic": article.topic,
        "people": article.people,
        "organizations": article.organizations,
        "reporters": article.reporters,
        "editor": article.editor,
        "dateline_place": article.place,
    }
    return entry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--manifest", action="store_true")
    args = parser.parse_args(argv)
    try:
        summary = generate(args.out, args.n, args.seed, args.force, args.manifest)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(summary.report())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
