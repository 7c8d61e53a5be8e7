"""Find the people, organizations and places an article names, and tie them to the knowledge base.

One combined regex (a character trie of every alias, case variant, surname and role phrase) finds the
catalogued names in a single pass per paragraph; the heuristics below then decide what each match means
and add what the catalogue cannot know:

- `resolve_surname`: "Stoltenberg" alone is Jens Stoltenberg only after he was named in full (or after a
  title such as "NATO chief Stoltenberg"), and never when another first name stands before it.
- `resolve_role`: "the Ukrainian president" is whoever held the role on the article's date.
- `fuzzy_surnames`: a misprinted surname ("Reinsaru") of a catalogued person, long names only.
- `uncatalogued_people`: a full name with a title before it or a speech verb around it
  ("Spokeswoman Morgan Finkelstein", "Jane Doe, Kyiv's ambassador, told Reuters").
- `credit_spans`, `drop_excluded`: photo credits, bylines and the article's own reporters never count.
- `drop_role_titles`: "Kremlin spokesman Dmitry Peskov" is one mention of Peskov, not a role and a name.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from generator.extract.mentions import Mention
from generator.knowledge import Actor, KnowledgeBase

PLACE_KINDS = ("country", "place")


# -- folding: same length as the input, so offsets into the folded text are offsets into the original --


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base
    table.update({ord(c): "'" for c in "\u2019\u2018\u02bc\u00b4\u2032`"})
    table.update({ord(c): " " for c in "\u00a0\u2007\u2009\u202f"})
    table.update({ord(c): "-" for c in "\u2010\u2011"})
    table.update({ord(a): b for a, b in zip("łŁđĐøØı", "lLdDoOi", strict=True)})
    return table


FOLD = _fold_table()
_FOLD_CHARS = {chr(code): to for code, to in FOLD.items()}
_FOLDABLE = re.compile("[" + "".join(map(re.escape, _FOLD_CHARS)) + "]")
_ASCII_FOLDABLE = "".join(c for c in _FOLD_CHARS if c.isascii())  # the backtick


def fold(text: str) -> str:
    """Accents off, curly apostrophes straight, odd spaces plain; the length never changes."""
    # `str.translate` with a dict looks up every character; an article has only a few distinct
    # foldable ones, and replacing each in turn is ten times faster (no replacement is foldable).
    if text.isascii() and not any(c in text for c in _ASCII_FOLDABLE):
        return text
    for char in set(_FOLDABLE.findall(text)):
        text = text.replace(char, _FOLD_CHARS[char])
    return text


# -- word lists ---------------------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


COMMON_WORDS = _wordset(
    """a about above according across after afterwards again against all also although always am among an
    and another any are as asked at be because been before being below between both but by can could did
    do does during each earlier either even ever every few for former from further had has have he her here
    hers him his how however i if in indeed instead into is it its just last late later latest many may
    me meanwhile might more moreover most much must my neither never nevertheless new next no nor not now
    of on once one only or other our over perhaps rather same several she should since so some speaking still
    such than that the their them then there therefore these they this those though through thus to today
    tomorrow too under unlike until up upon us was we were what when where whether which while who whom whose
    why will with within without would yes yesterday yet you your will say says said people sources source
    related read more top senior acting deputy first second third chief head free will see also
    breaking exclusive update updated photo video watch live opinion analysis editorial"""
)
MONTHS_AND_DAYS = _wordset(
    """january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday"""
)
DEMONYMS = _wordset(
    """ukrainian russian american british english french german polish estonian latvian lithuanian finnish
    swedish norwegian danish dutch belgian italian spanish portuguese greek turkish hungarian romanian
    bulgarian czech slovak slovenian croatian serbian bosnian albanian macedonian montenegrin moldovan
    georgian armenian azerbaijani belarusian kazakh chinese japanese korean indian pakistani iranian iraqi
    syrian israeli palestinian egyptian saudi emirati qatari afghan canadian mexican brazilian australian
    irish scottish welsh austrian swiss icelandic soviet european western eastern northern southern baltic
    nordic scandinavian atlantic transatlantic euro-atlantic african asian arab crimean chechen tatar kurdish
    allied nato"""
)
ORG_AND_PLACE_WORDS = _wordset(
    """ministry department office council committee commission agency service services forces force army navy
    guard party union organization organisation bank fund house parliament court government administration
    times post news press journal herald tribune gazette daily weekly magazine radio television channel
    network media images photo photos pictures institute university college school academy center centre
    foundation group corporation corp inc ltd company holdings plan action program programme treaty alliance
    pact assembly congress senate duma rada cabinet staff command headquarters brigade battalion regiment
    division corps fleet watch international national federal federation state states republic kingdom
    nations security defense defence foreign affairs interior intelligence police bureau authority board
    association society league movement front coalition conference summit forum meeting ministers session
    talks agreement accords accord declaration charter act law bill initiative mission operation project
    strategy policy report index review studies research street square avenue road bridge airport station
    port plant energy oil gas airlines airways motors systems technologies industries partners capital
    markets exchange reserve treasury war world cup games olympics prize award day week year festival church
    cathedral palace hall museum library hospital region oblast province district county city town village
    island islands sea ocean river lake mountains peninsula bay gulf strait valley basin coast border line
    zone north south east west central upper lower saint san santa los las hong kong sri tel abu arabia korea
    zealand costa rica puerto rico lanka africa america asia europe united membership getty shutterstock
    reuters associated agence commission jazeera welle deutsche pravda gazeta izvestia kommersant interfax ria
    novosti tass ukrinform meduza politico axios bloomberg guardian telegraph independent economist spiegel
    zeitung monde figaro bild"""
)
TITLE_WORDS = _wordset(
    """president vice prime minister premier secretary general secretary-general chancellor king queen prince
    princess pope patriarch senator sen rep representative congressman congresswoman lawmaker governor gov
    mayor lieutenant lt gen colonel col major maj captain capt sergeant sgt admiral adm commander ambassador
    envoy spokesman spokeswoman spokesperson adviser advisor aide director chairman chairwoman chairperson
    chair speaker judge justice prosecutor commissioner coordinator official officials dr mr mrs ms sir dame
    lord lady professor prof sheikh emir father bishop archbishop cardinal rabbi metropolitan executive
    officer operating assistant special undersecretary attorney counsel ceo chief"""
)
NOT_NAME_WORDS = COMMON_WORDS | MONTHS_AND_DAYS | DEMONYMS | ORG_AND_PLACE_WORDS | TITLE_WORDS
NAME_PARTICLES = _wordset("von van der den de da di del della du la le al bin ibn ter ten dos das")

ACCEPT_FUZZY = 87.0  # "Reinsaru" vs "Reinsalu" is 87.5; one letter wrong in seven (85.7) is too far
NEAR_MISS_FUZZY = 75.0
MIN_FUZZY_LENGTH = 6


# -- the knowledge base, compiled once ----------------------------------------------------------------


@dataclass(frozen=True)
class _Alias:
    actor: Actor


@dataclass(frozen=True)
class _Surname:
    actors: tuple[Actor, ...]


@dataclass(frozen=True)
class _Role:
    role: str


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _case_variants(alias: str) -> set[str]:
    """'NATO' also as 'Nato'; 'Kyiv' also as 'KYIV' (headlines); never a variant that is an English word."""
    variants = {alias}
    if " " not in alias and alias.lower() in COMMON_WORDS:
        return variants
    if alias.isupper() and alias.isalpha() and len(alias) >= 4:  # "Nato"; not "Map" for MAP
        variants.add(alias.capitalize())
    if _letters(alias) >= 4 and not alias.isupper():
        variants.add(alias.upper())
    return variants


_SMALL_WORDS = _wordset("of the for and in on to a an")


def _role_variants(phrase: str) -> set[str]:
    """Role phrases are common nouns: 'Ukrainian president', 'Ukrainian President', 'ukrainian president'."""
    words = phrase.split()
    titled = " ".join(w if w in _SMALL_WORDS or w.isupper() else w[:1].upper() + w[1:] for w in words)
    lowered = " ".join(w if w.isupper() else w.lower() for w in words)
    return {phrase, phrase[:1].upper() + phrase[1:], titled, lowered}


_NAME_SUFFIXES = _wordset("Jr. Jr Sr. Sr II III IV")


def _surname(name: str) -> str | None:
    """'Jens Stoltenberg' -> 'Stoltenberg'; 'Ursula von der Leyen' -> 'von der Leyen'; one word -> None."""
    words = name.replace(",", " ").split()
    while words and words[-1] in _NAME_SUFFIXES:
        words.pop()
    if len(words) < 2:
        return None
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in NAME_PARTICLES:
        start -= 1
    return " ".join(words[start:])


def _first_names(actor: Actor) -> frozenset[str]:
    return frozenset(fold(n).split()[0] for n in actor.names if len(n.split()) > 1)


# "Dmitry" for "Dmytro" scores 67, "Volodymyr" for "Vladimir" 59; "Jill" against "Joe" only 29
TRANSLITERATION_RATIO = 55.0


def _same_first_name(word: str, first_names: frozenset[str]) -> bool:
    """The actor's own first name, or a transliteration of it (same initial, similar letters)."""
    return word in first_names or any(
        word[0] == f[0] and fuzz.ratio(word, f) >= TRANSLITERATION_RATIO for f in first_names
    )


def _trie_pattern(strings: Iterable[str]) -> str:
    """A regex alternation shaped like a trie: one pass, longest alternative tried first."""
    trie: dict = {}
    for text in strings:
        node = trie
        for ch in text:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _node_pattern(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _key(surface: str) -> str:
    return " ".join(surface.split())


class _Catalogue:
    """Every way the knowledge base can be named, folded, in one compiled regex."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.targets: dict[str, _Alias | _Surname | _Role] = {}
        for role, phrases in kb.role_phrases.items():
            for phrase in phrases:
                for variant in _role_variants(fold(phrase)):
                    self.targets[_key(variant)] = _Role(role)
        surnames: dict[str, list[Actor]] = {}
        for actor in kb.actors:
            for name in actor.names:
                for variant in _case_variants(fold(name)):
                    self.targets[_key(variant)] = _Alias(actor)
            if actor.kind == "person":
                for name in actor.names:
                    surname = _surname(fold(name))
                    if surname and actor not in surnames.setdefault(surname, []):
                        surnames[surname].append(actor)
        for surname, actors in surnames.items():
            if surname not in self.targets and surname.lower() not in COMMON_WORDS:
                self.targets[surname] = _Surname(tuple(actors))
        pattern = _trie_pattern(sorted(self.targets)) or r"(?!)"
        self.regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")
        # Places and bodies a role phrase names on the way: "Ukraine's president", "Kremlin spokesman".
        self.embedded_actors = {
            k: t.actor
            for k, t in self.targets.items()
            if isinstance(t, _Alias) and t.actor.kind in (*PLACE_KINDS, "organization")
        }
        embedded_pattern = _trie_pattern(sorted(self.embedded_actors)) or r"(?!)"
        self.embedded_regex = re.compile(rf"(?<!\w)(?:{embedded_pattern})(?!\w)")
        self.fuzzy_owner = _fuzzy_owners(kb)
        self.fuzzy_choices = sorted(self.fuzzy_owner)
        self.first_names = {a.id: _first_names(a) for a in kb.actors}

    def target(self, surface: str) -> _Alias | _Surname | _Role:
        """What a match of `regex` names (its spaces may differ from the key's)."""
        return self.targets[surface] if surface in self.targets else self.targets[_key(surface)]


# The catalogue of the last knowledge base, by its files' fingerprint: compiling the regex takes a
# good part of a second, and a watch session or a test run builds extractors for the same files again.
_catalogue_cache: dict[str, _Catalogue] = {}


def _catalogue(kb: KnowledgeBase) -> _Catalogue:
    if not kb.fingerprint:  # made in code, not read from files: nothing to key on
        return _Catalogue(kb)
    if kb.fingerprint not in _catalogue_cache:
        _catalogue_cache.clear()
        _catalogue_cache[kb.fingerprint] = _Catalogue(kb)
    return _catalogue_cache[kb.fingerprint]


def _fuzzy_owners(kb: KnowledgeBase) -> dict[str, Actor]:
    """Single-word names and surnames of people, long enough to compare, each owned by one person."""
    owners: dict[str, set[str]] = {}
    for actor in kb.actors:
        if actor.kind != "person":
            continue
        for name in map(fold, actor.names):
            for word in (name, _surname(name) or ""):
                if " " not in word and len(word) >= MIN_FUZZY_LENGTH:
                    owners.setdefault(word, set()).add(actor.id)
    return {word: kb.by_id[next(iter(ids))] for word, ids in owners.items() if len(ids) == 1}


# -- credits: photo bylines, reporting lines ----------------------------------------------------------

_CREDIT_LINE = re.compile(
    r"(?:^|(?<=[(\[;|]))\s*(?i:(?:additional\s+)?(?:reporting|report|writing|editing|research|compiled|"
    r"written|produced|translated|edited|photographs?|photos?|images?|video|graphics?)\s+by)\b"
    r"[^;()\[\].!?]{0,100}(?=[;)\]]|$)"
)
_BYLINE = re.compile(r"^\s*By\s+[A-Z][^.;:!?]{0,80}$")
_AGENCY = (
    r"(?:Getty(?:\s+Images)?|AFP|AP(?:\s+Photo)?|Reuters|EPA(?:-EFE)?|EFE|Shutterstock|Photo|Pool|Sputnik|"
    r"TASS|Anadolu(?:\s+Agency)?|Bloomberg|Alamy|dpa|Xinhua|Ukrinform|Wikimedia(?:\s+Commons)?|Handout|"
    r"NurPhoto|SOPA\s+Images|LightRocket|Imago|ZUMA(?:\s+Wire)?|Redux|Polaris|Kremlin\.ru)"
)
_CAP_WORDS = r"[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}"
_SLASH_CREDIT = re.compile(
    rf"\(?(?:{_CAP_WORDS}\s*/\s*{_AGENCY}(?:\s+via\s+{_CAP_WORDS})?|{_AGENCY}\s*/\s*{_CAP_WORDS})\)?"
)
_LABEL_CREDIT = re.compile(
    r"(?i:\b(?:photo|photograph|image|picture|credit|illustration)s?\s*:)[^.\n]{0,100}"
)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Photo credits, 'Reporting by ...' lines and bylines: names there are never story actors."""
    # a cheap look for the characters each kind of credit needs first
    kinds = ((_CREDIT_LINE, "by"), (_SLASH_CREDIT, "/"), (_LABEL_CREDIT, ":"))
    regexes = [regex for regex, sign in kinds if sign in text]
    spans = [m.span() for regex in regexes for m in regex.finditer(text)]
    if text.lstrip().startswith("By ") and _BYLINE.match(text):
        spans.append((0, len(text)))
    return sorted(spans)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


# -- titles and speech around a name ------------------------------------------------------------------

_TITLES_ANY_CASE = (
    r"president|vice[- ]president|president-elect|prime\s+minister|premier|minister|secretary[- ]general|"
    r"secretary\s+of\s+state|secretary\s+of\s+defen[cs]e|secretary|under[- ]secretary|chancellor|"
    r"senator|sen\.|rep\.|representative|congress(?:wo)?man|lawmaker|legislator|governor|gov\.|mayor|"
    r"general|gen\.|colonel|col\.|commander|admiral|adm\.|ambassador|envoy|spokes(?:wo)?man|spokesperson|"
    r"press\s+secretary|advis[eo]r|aide|chief\s+of\s+staff|chief|director|chair(?:wo)?man|chairperson|"
    r"head|leader|ombudsman|prosecutor|commissioner|coordinator|negotiator|official|officer|analyst|expert|"
    r"professor|prof\.|dr\.|mr\.|mrs\.|ms\.|sheikh|emir|crown\s+prince|mp|mep|ceo|founder|activist|lawyer|"
    r"attorney|economist|historian|researcher|resident|volunteer|doctor|opposition\s+figure"
)
_TITLES_CAPITALIZED = (
    r"King|Queen|Prince|Princess|Pope|Patriarch|Major|Captain|Capt\.|Sergeant|Sgt\.|Lieutenant|Lt\.|"
    r"Justice|Judge|Speaker|Chair|Father|Bishop|Archbishop|Cardinal|Rabbi|Lord|Lady|Baroness|Baron|Sir|Dame|"
    r"Metropolitan|Gen|Maj|Col|Lt|Capt|Sgt|Adm|Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov"  # British style, no full stop
)
# "Spokeswoman Morgan Finkelstein", "the German foreign minister, Annalena Baerbock,"
_TITLE_BEFORE = re.compile(rf"(?:\b(?i:{_TITLES_ANY_CASE})|\b(?:{_TITLES_CAPITALIZED})),?\s+$")

_SPEECH_VERBS = (
    r"said|says|told|tells|warned|warns|added|adds|wrote|writes|announced|announces|stated|noted|notes|"
    r"explained|insisted|argued|claimed|tweeted|posted|urged|urges|stressed|emphasi[sz]ed|replied|responded|"
    r"declared|confirmed|denied|acknowledged|admitted|suggested|predicted|promised|pledged|vowed|threatened|"
    r"accused|commented|continued|reiterated|cautioned|recalled|complained|countered|conceded|estimated|"
    r"concluded|testified|remarked|observed|disclosed|revealed|believes|thinks|expects|spoke"
)
_APPOSITION_WORD = r"(?:(?:[A-Z]\.)+|[\w'-]+)"
_SPEECH_AFTER = re.compile(
    r"(?:,?\s+(?:Jr\.|Sr\.|II|III|IV)\b)?"  # "Lloyd J. Austin III said"
    rf"(?:,\s*(?:{_APPOSITION_WORD}\s+){{0,9}}{_APPOSITION_WORD},?)?\s+"
    r"(?:(?:also|later|earlier|previously|then|further|has|had|have|was|reportedly|recently|once|again|"
    r"publicly|repeatedly|separately|on\s+\w+)\s+)?"
    rf"(?:{_SPEECH_VERBS})\b"
)
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|added|adds|wrote|writes|continued|explained|(?i:according\s+to)|quoting|quoted|"
    r"interview\s+with)\s+$"
)


def _title_before(text: str, start: int) -> bool:
    return _TITLE_BEFORE.search(text, max(0, start - 60), start) is not None


# -- capitalized words that could be a name -----------------------------------------------------------

# The capital comes first and the lookbehind after it ("no word character before this capital"):
# a regex that starts with a character class skips to the next capital instead of trying every position.
_PARTICLE = "(?:" + "|".join(sorted(NAME_PARTICLES)) + ")"
_CAPITALIZED_RUN = re.compile(rf"[A-Z](?<![\w'.-][A-Z])[\w'.-]*(?:\s+(?:{_PARTICLE}\s+)*[A-Z][\w'.-]*)+")
_TOKEN = re.compile(r"\S+")
_NAME_WORD = re.compile(r"[A-Z][a-z]*(?:'?[A-Z][a-z]+)*(?:-[A-Z][a-z]+)?")
_INITIAL = re.compile(r"[A-Z]\.")
_POSSESSIVE = re.compile(r"'s?$")


@dataclass
class _Word:
    start: int
    end: int  # without a possessive or a full stop
    kind: str  # name | initial | particle | other
    closes: bool  # a possessive or a full stop ends the name here


def _words(text: str, start: int, end: int) -> list[_Word]:
    words = []
    for m in _TOKEN.finditer(text, start, end):
        raw = m.group()
        if raw in NAME_PARTICLES:
            words.append(_Word(m.start(), m.end(), "particle", False))
            continue
        if _INITIAL.fullmatch(raw):
            words.append(_Word(m.start(), m.end(), "initial", False))
            continue
        core = raw.rstrip(".,")
        closes = core != raw
        possessive = _POSSESSIVE.search(core)
        if possessive:
            core, closes = core[: possessive.start()], True
        is_name = _NAME_WORD.fullmatch(core) is not None and core.lower() not in NOT_NAME_WORDS
        words.append(_Word(m.start(), m.start() + len(core), "name" if is_name else "other", closes))
    return words


def _name_runs(words: list[_Word]) -> Iterable[tuple[int, int, int]]:
    """(start, end, name-word count) of each stretch of name words; initials and particles only inside."""
    i = 0
    while i < len(words):
        if words[i].kind != "name":
            i += 1
            continue
        j, count, last = i, 0, i
        while j < len(words) and words[j].kind in ("name", "initial", "particle"):
            if words[j].kind == "name":
                count, last = count + 1, j
            if words[j].closes:
                break
            j += 1
        yield words[i].start, words[last].end, count
        i = max(last, j) + 1


# -- the per-article scan -----------------------------------------------------------------------------


@dataclass
class Entities:
    mentions: list[Mention]  # every mention, in text order (paragraph, start)
    people: list[str]  # canonical names (uncatalogued people as written), in order of first mention
    organizations: list[str]
    places: list[str]  # countries and places
    actors: list[str]  # ids of catalogued actors, in order of first mention
    uncatalogued: list[tuple[str, str]]  # (name as written, its sentence) for `briefings review`
    near_misses: list[tuple[str, str, float]]  # (surface, canonical name, score) just below ACCEPT_FUZZY

    def after(self, headline: Entities) -> Entities:
        """These entities with the headline's first: "Ukraine's Zelenskiy says..." names Ukraine even
        when the body only says "Ukrainian". Mentions stay the body's (quotes are found there)."""

        def merged(first: list, then: list) -> list:
            return list(dict.fromkeys([*first, *then]))

        return Entities(
            mentions=self.mentions,
            people=merged(headline.people, self.people),
            organizations=merged(headline.organizations, self.organizations),
            places=merged(headline.places, self.places),
            actors=merged(headline.actors, self.actors),
            uncatalogued=self.uncatalogued,
            near_misses=self.near_misses,
        )


@dataclass
class _Paragraph:
    index: int
    text: str  # as written
    folded: str
    credits: list[tuple[int, int]]
    catalogued: list[re.Match[str]]  # the catalogue regex's matches in `folded`
    mentions: list[Mention] = field(default_factory=list)

    def covered(self, start: int, end: int) -> bool:
        return any(m.start < end and start < m.end for m in self.mentions)


class EntityMatcher:
    """Compiled once from the knowledge base, then `find` for each article."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.catalogue = _catalogue(kb)
        self._fuzzy_cache: dict[str, tuple[str, float] | None] = {}
        self._holders: dict[tuple[str, dt.date | None], Actor | None] = {}

    def find(
        self,
        paragraphs: list[str],
        day: dt.date | None,
        exclude_names: Iterable[str] = (),
        date_is_firm: bool = True,
    ) -> Entities:
        """Mentions of actors; `date_is_firm=False` when `day` is only a guess, so that role phrases
        resolve to a holder the article names rather than to whoever held the role on the guessed day."""
        folded_paragraphs = [fold(text) for text in paragraphs]
        matches = [list(self.catalogue.regex.finditer(folded)) for folded in folded_paragraphs]
        named = self.named_actors(matches)
        scan = _ArticleScan(self, day, named, date_is_firm)
        for index, (text, folded) in enumerate(zip(paragraphs, folded_paragraphs, strict=True)):
            scan.paragraph(_Paragraph(index, text, folded, credit_spans(folded), matches[index]))
        scan.follow_uncatalogued()
        scan.drop_role_titles()
        scan.drop_excluded(exclude_names)
        return scan.entities()

    # -- lookups shared by every article --

    def named_actors(self, matches: list[list[re.Match[str]]]) -> set[str]:
        """Ids of the actors whose own names (not surnames or roles) appear anywhere in the article,
        from each paragraph's matches of the catalogue regex."""
        named = set()
        for paragraph in matches:
            for match in paragraph:
                target = self.catalogue.target(match.group())
                if isinstance(target, _Alias):
                    named.add(target.actor.id)
        return named

    def role_holder_named(self, role: str, named: set[str]) -> Actor | None:
        """The one actor who ever held `role` and is named in the article, if exactly one is."""
        holders = [a for a in self.kb.actors if a.id in named and any(r.role == role for r in a.roles)]
        return holders[0] if len(holders) == 1 else None

    def holder(self, role: str, day: dt.date | None) -> Actor | None:
        key = (role, day)
        if key not in self._holders:
            holders = {a.id: a for a in self.kb.holders(role, day)}
            self._holders[key] = next(iter(holders.values())) if len(holders) == 1 else None
        return self._holders[key]

    def closest_person(self, word: str) -> tuple[str, float] | None:
        if word not in self._fuzzy_cache:
            if len(self._fuzzy_cache) > 100_000:
                self._fuzzy_cache.clear()
            best = process.extractOne(
                word, self.catalogue.fuzzy_choices, scorer=fuzz.ratio, score_cutoff=NEAR_MISS_FUZZY
            )
            self._fuzzy_cache[word] = (best[0], best[1]) if best else None
        return self._fuzzy_cache[word]


# capital first, lookbehind after it, as in _CAPITALIZED_RUN
_CAPITALIZED_WORD = re.compile(rf"[A-Z](?<![\w'-][A-Z])[a-z]{{{MIN_FUZZY_LENGTH - 1},}}(?![\w-])")
_NAME_WORD_NEXT = re.compile(r"\s+[A-Z][a-z]")
_ROLE_QUALIFIER = re.compile(
    r"(?i:\b(?:former|ex-|late|then-?|previous|past|future|next|incoming|would-be|acting|deputy|vice|"
    r"a|an|another|one|two|three|several|other|many|some|each|every|no))\s*$"
)
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_PREVIOUS_WORD = re.compile(r"([A-Z][\w'-]*)\s+$")
_APPOSED_ROLE = re.compile(r",\s*(?:the\s+)?$")
_ROLE_BEFORE_NAME = re.compile(r",?\s*$")


class _ArticleScan:
    def __init__(
        self, matcher: EntityMatcher, day: dt.date | None, named: set[str], date_is_firm: bool
    ) -> None:
        self.m = matcher
        self.day = day
        self.named = named
        self.date_is_firm = date_is_firm
        self.paragraphs: list[_Paragraph] = []
        self.seen: set[str] = set()  # actor ids named so far, for surname-only mentions
        self.uncatalogued: dict[str, tuple[str, str]] = {}  # folded key -> (name as written, sentence)
        self.near_misses: dict[tuple[str, str], float] = {}

    def paragraph(self, para: _Paragraph) -> None:
        self.paragraphs.append(para)
        self.catalogued_names(para)
        self.fuzzy_surnames(para)
        self.uncatalogued_people(para)

    # -- catalogued names, surnames and roles --

    def catalogued_names(self, para: _Paragraph) -> None:
        for match in para.catalogued:
            start, end = match.span()
            if _inside(para.credits, start, end):
                continue
            target = self.m.catalogue.target(match.group())
            end = self._with_possessive(para.folded, end, match.group())
            if isinstance(target, _Alias):
                self.resolve_alias(para, start, end, target.actor)
            elif isinstance(target, _Surname):
                self.resolve_surname(para, start, end, target.actors)
            else:
                self.resolve_role(para, start, end, target.role)

    @staticmethod
    def _with_possessive(text: str, end: int, matched: str) -> int:
        after = text[end : end + 3]
        if after[:2] == "'s" and not after[2:3].isalnum():
            return end + 2
        if after[:1] == "'" and matched[-1:] in "sS" and not after[1:2].isalnum():
            return end + 1
        return end

    def resolve_alias(self, para: _Paragraph, start: int, end: int, actor: Actor) -> None:
        if actor.kind == "person" and " " not in para.folded[start:end].strip():
            name_start = self._name_start(para, start, actor)
            if name_start is None:
                return
            start = name_start  # "Volodymyr Zelenskyy" when only "Zelenskyy" is listed
        self._add(para, start, end, actor, "alias")

    def resolve_surname(self, para: _Paragraph, start: int, end: int, actors: tuple[Actor, ...]) -> None:
        named = [a for a in actors if a.id in self.seen]
        how = "surname"
        if len(named) != 1 and _title_before(para.folded, start):
            named = actors if len(actors) == 1 else [a for a in actors if self._holds_a_role(a)]
            how = "title"
        if len(named) != 1:
            return
        name_start = self._name_start(para, start, named[0])
        if name_start is not None:
            self._add(para, name_start, end, named[0], how)

    def _holds_a_role(self, actor: Actor) -> bool:
        return any(spell.holds_on(self.day) for spell in actor.roles)

    def _name_start(self, para: _Paragraph, start: int, actor: Actor) -> int | None:
        """Where the person's name begins: at their own first name (or a transliteration of it) when it
        stands before the surname, else at the surname; None when another first name stands there."""
        before = _PREVIOUS_WORD.search(para.folded, max(0, start - 30), start)
        if not before:
            return start
        word = before.group(1)
        if _same_first_name(word, self.m.catalogue.first_names[actor.id]):
            return before.start(1)
        if (
            _NAME_WORD.fullmatch(word)
            and word.lower() not in NOT_NAME_WORDS
            and not para.covered(before.start(1), before.end(1))
        ):
            return None  # "Hunter Biden" is not Joe Biden
        return start

    def resolve_role(self, para: _Paragraph, start: int, end: int, role: str) -> None:
        text = para.folded
        self.actors_within_role(para, start, end)
        if _ROLE_QUALIFIER.search(text, max(0, start - 20), start) or text[end : end + 6] == "-elect":
            return  # "a Kremlin spokesman", "the former Ukrainian president" name no one in particular
        if self.date_is_firm:
            holder = self.m.holder(role, self.day)
        else:  # the day is a guess: trust the names the article gives
            holder = self.m.role_holder_named(role, self.named)
        if holder is None:
            return
        the = _THE_BEFORE.search(text, max(0, start - 5), start)
        self._add(para, the.start() if the else start, end, holder, "role")

    def actors_within_role(self, para: _Paragraph, start: int, end: int) -> None:
        """'Ukraine's president' still names Ukraine, 'European Commission President' the Commission."""
        for match in self.m.catalogue.embedded_regex.finditer(para.folded, start, end):
            place = self.m.catalogue.embedded_actors[_key(match.group())]
            match_end = self._with_possessive(para.folded, match.end(), match.group())
            self._add(para, match.start(), min(match_end, end), place, "alias")

    def _add(self, para: _Paragraph, start: int, end: int, actor: Actor, how: str) -> None:
        para.mentions.append(
            Mention(para.index, start, end, para.text[start:end], actor.name, actor.kind, actor.id, how)
        )
        self.seen.add(actor.id)

    # -- misprinted surnames --

    def fuzzy_surnames(self, para: _Paragraph) -> None:
        if not self.m.catalogue.fuzzy_choices:
            return
        for match in _CAPITALIZED_WORD.finditer(para.folded):
            word, start, end = match.group(), match.start(), match.end()
            if word.lower() in NOT_NAME_WORDS or word in self.m.catalogue.targets:
                continue  # not a name, or spelled right but left unresolved (a surname before its full name)
            best = self.m.closest_person(word)  # cached by word: the cheapest test that rules most words out
            if best is None or para.covered(start, end):
                continue
            if _NAME_WORD_NEXT.match(para.folded, end):
                continue  # "Michael Kofman": a first name, not a misprinted surname
            if _inside(para.credits, start, end):
                continue
            choice, score = best
            actor = self.m.catalogue.fuzzy_owner[choice]
            name_start = self._name_start(para, start, actor)
            if score >= ACCEPT_FUZZY and word[0] == choice[0] and name_start is not None:
                end = self._with_possessive(para.folded, end, word)
                self._add(para, name_start, end, actor, "fuzzy")
            else:
                self.near_misses.setdefault((para.text[start:end], actor.name), round(score, 1))

    # -- people the catalogue does not know --

    def uncatalogued_people(self, para: _Paragraph) -> None:
        text = para.folded
        for run in _CAPITALIZED_RUN.finditer(text):
            words = _words(text, *run.span())
            for word in words:
                if para.covered(word.start, word.end):
                    word.kind = "other"
            for start, end, count in _name_runs(words):
                if 2 <= count <= 3 and not _inside(para.credits, start, end) and self._acts(para, start, end):
                    self._add_uncatalogued(para, start, end)

    def _acts(self, para: _Paragraph, start: int, end: int) -> bool:
        text = para.folded
        if _THE_BEFORE.search(text, max(0, start - 5), start):
            return False  # "the Carnegie Endowment said": people are not "the"
        return (
            _title_before(text, start)
            or self._role_just_before(para, start)
            or _SPEECH_AFTER.match(text, end, min(len(text), end + 200)) is not None
            or _SPEECH_BEFORE.search(text, max(0, start - 40), start) is not None
        )

    @staticmethod
    def _role_just_before(para: _Paragraph, start: int) -> bool:
        return any(m.how == "role" and not para.folded[m.end : start].strip() for m in para.mentions)

    def _add_uncatalogued(self, para: _Paragraph, start: int, end: int) -> None:
        name = " ".join(para.text[start:end].split())
        para.mentions.append(
            Mention(para.index, start, end, para.text[start:end], name, "person", None, "uncatalogued")
        )
        self.uncatalogued.setdefault(fold(name).casefold(), (name, _sentence_at(para.text, start, end)))

    def follow_uncatalogued(self) -> None:
        """Later mentions of an uncatalogued person: the full name again, or the surname alone."""
        if not self.uncatalogued:
            return
        names = {fold(name): name for name, _ in self.uncatalogued.values()}
        surnames: dict[str, list[str]] = {}
        for folded, name in names.items():
            surname = _surname(folded)
            if surname and surname.lower() not in NOT_NAME_WORDS:
                surnames.setdefault(surname, []).append(name)
        lookup = {**{s: v[0] for s, v in surnames.items() if len(v) == 1}, **names}
        regex = re.compile(rf"(?<!\w)(?:{_trie_pattern(sorted(lookup))})(?![\w-])")
        first_seen: dict[str, tuple[int, int]] = {}
        for m in (m for p in self.paragraphs for m in p.mentions if m.how == "uncatalogued"):
            first_seen[m.name] = min(first_seen.get(m.name, (m.paragraph, m.start)), (m.paragraph, m.start))
        for para in self.paragraphs:
            for match in regex.finditer(para.folded):
                start, end = match.span()
                name = lookup[_key(match.group())]
                if (para.index, start) <= first_seen[name] or para.covered(start, end):
                    continue
                if _inside(para.credits, start, end):
                    continue
                end = self._with_possessive(para.folded, end, match.group())
                how = "uncatalogued" if _key(match.group()) in names else "surname"
                para.mentions.append(
                    Mention(para.index, start, end, para.text[start:end], name, "person", None, how)
                )

    # -- clean-up --

    def drop_role_titles(self) -> None:
        """A role phrase right before a name ('Kremlin spokesman Dmitry Peskov', 'The UK foreign secretary,
        David Cameron,') is that person's title; right after 'Name, ' it describes the named person. Either
        way the name, not the role's holder on that day, is who is meant."""
        for para in self.paragraphs:
            people = [m for m in para.mentions if m.kind == "person" and m.how != "role"]
            para.mentions = [
                m
                for m in para.mentions
                if m.how != "role"
                or not any(
                    (p.start >= m.end and _ROLE_BEFORE_NAME.fullmatch(para.folded, m.end, p.start))
                    or (p.end <= m.start and _APPOSED_ROLE.fullmatch(para.folded, p.end, m.start))
                    for p in people
                )
            ]

    def drop_excluded(self, exclude_names: Iterable[str]) -> None:
        """The article's own reporters and photographers are never actors, by full name or surname."""
        full = {fold(n).casefold().strip() for n in exclude_names if n and n.strip()}
        if not full:
            return
        surnames = {(_surname(n) or "") for n in full} - {""}
        for para in self.paragraphs:
            para.mentions = [m for m in para.mentions if not _is_excluded(m, full, surnames)]
        self.uncatalogued = {k: v for k, v in self.uncatalogued.items() if k not in full}

    def entities(self) -> Entities:
        mentions = sorted(
            (m for p in self.paragraphs for m in p.mentions), key=lambda m: (m.paragraph, m.start)
        )
        kept_names = {m.name for m in mentions if m.actor_id is None}
        return Entities(
            mentions=mentions,
            people=_unique(m.name for m in mentions if m.kind == "person"),
            organizations=_unique(m.name for m in mentions if m.kind == "organization"),
            places=_unique(m.name for m in mentions if m.kind in PLACE_KINDS),
            actors=_unique(m.actor_id for m in mentions if m.actor_id),
            uncatalogued=[v for v in self.uncatalogued.values() if v[0] in kept_names],
            near_misses=[(s, n, score) for (s, n), score in self.near_misses.items()],
        )


def _is_excluded(m: Mention, full: set[str], surnames: set[str]) -> bool:
    if m.kind != "person":
        return False
    name, surface = fold(m.name).casefold(), _key(fold(m.surface)).casefold()
    surface = _POSSESSIVE.sub("", surface)
    return name in full or surface in full or (m.how in ("surname", "fuzzy") and surface in surnames)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\bGov)(?<!\bSen)(?<!\bRep)(?<!\bGen)(?<!\bCol)(?<!\bLt)(?<!\bDr)(?<!\bMr)(?<!\bMrs)"
    r"(?<!\bMs)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bNo)[.!?]+[\"'”’)]*\s+"
)


SENTENCE_REACH = 1000  # characters either side of a name; no real sentence is longer


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around a name, for a maintainer deciding whether to catalogue it. The search is
    bounded: from the paragraph's start, each name cost the whole paragraph (quadratic on a long one)."""
    left = max(0, start - SENTENCE_REACH)
    for m in _SENTENCE_END.finditer(text, left, start):
        left = m.end()
    right_limit = min(len(text), end + SENTENCE_REACH)
    right = _SENTENCE_END.search(text, end, right_limit)
    return text[left : right.end() if right else right_limit].strip()
