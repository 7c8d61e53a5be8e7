"""Direct quotations and who said them.

Per paragraph, quote marks are paired (`find_quote_spans`), the quoted words are
masked so that attribution never looks inside them (`mask_quoted_words`), and every
speech verb outside quotes gets a subject (`find_speech_acts`). Pronoun subjects
("he said") are then resolved in reading order against the most recent person who
spoke or led a sentence. Each quoted span finally takes its speaker from, in order:

1. an attribution introducing it in its sentence ("Stoltenberg said: “…”"),
2. one trailing it ("“…,” Zelensky said", "“…,” said Zelenskiy, whose …"),
3. the nearest speech verb before it in its sentence ("X said that … “…”"),
4. the last speaker of its paragraph, when the quote opens a sentence,
5. the last speaker of the previous paragraph, when the quote opens the paragraph,
6. the speaker of the next paragraph's opening quote, for an unclosed quote
   running on into it (the multi-paragraph quote convention).

Spans that nobody is credited with (scare quotes, headlines) are dropped, and so are
titles ("his book “…”"), "so-called" phrases and spans under four words, except
three-word partial quotes credited within their own sentence. The quote text is a
verbatim slice of the paragraph (a trailing comma before the attribution dropped).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from generator.extract.mentions import Mention
from generator.extract.prefilter import may_contain
from generator.record import Quote

UNNAMED = "unnamed official"


@dataclass(frozen=True)
class QuoteSpan:
    open: int  # index of the opening mark
    close: int  # index of the closing mark; len(paragraph) when the quote never closes
    start: int  # the quoted words, trimmed
    end: int
    single: bool  # ‘…’ or '…'


@dataclass(frozen=True)
class Candidate:
    """Someone who could be the subject of a speech verb."""

    start: int
    end: int
    kind: str  # person | organization | country | place | unnamed | pronoun
    name: str  # canonical name, UNNAMED, or the pronoun in lower case
    outlet: bool = False


@dataclass
class SpeechAct:
    start: int  # the verb
    end: int
    verb: str
    sentence: int
    subject: Candidate | None = None
    speaker: str | None = None
    speaker_kind: str | None = None


@dataclass
class Paragraph:
    index: int
    text: str
    masked: str
    spans: list[QuoteSpan]
    sentence_starts: list[int]
    candidates: list[Candidate]
    acts: list[SpeechAct]


# -- quote marks ---------------------------------------------------------------

DOUBLE_OPENERS = "“„«‟"
DOUBLE_CLOSERS = "”»"
DOUBLE_MARK = re.compile(r'["“„«‟”»]')


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Double-quoted spans, then single-quoted spans lying outside them."""
    doubles = find_double_quoted(text)
    return sorted(doubles + find_single_quoted(text, doubles), key=lambda s: s.open)


def find_double_quoted(text: str) -> list[QuoteSpan]:
    """Pair double marks, tolerating the mismatches of scraped and translated text.

    A “ met inside an open quote closes it (“… for Russia, “Zelensky said) unless a ”
    later in the paragraph closes a quote nested in it; a ” or » before a word opens
    one (Nordic style, or a stray mark); a quote still open at the end of the paragraph
    runs to its end, as multi-paragraph quotes do.
    """
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    opener = ""
    nested = False
    for mark in DOUBLE_MARK.finditer(text):
        i, char = mark.start(), mark.group()
        if open_at is None:
            if char == '"' or char in DOUBLE_OPENERS or _opens_a_word(text, i):
                open_at, opener = i, char
        elif nested:
            nested = char not in DOUBLE_CLOSERS and char != '"'
        elif char == "“" and opener != "„" and _opens_nested_quote(text, i):
            nested = True
        elif char == '"' or char in DOUBLE_CLOSERS or char == "“":
            spans.append(_span(text, open_at, i, single=False))
            open_at = None
    if open_at is not None:
        spans.append(_span(text, open_at, len(text), single=False))
    return [s for s in spans if s.end > s.start]


def _opens_a_word(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–") and after.isalnum()


def _opens_nested_quote(text: str, i: int) -> bool:
    """“ followed by a word, with a ” after it before any further “."""
    if i + 1 >= len(text) or not text[i + 1].isalnum():
        return False
    close = text.find("”", i + 1)
    reopen = text.find("“", i + 1)
    return close != -1 and (reopen == -1 or close < reopen)


# a mark at the start or after a space, bracket or dash (the mark first, so the scan looks for marks only)
SINGLE_OPENER = re.compile(r"[‘'](?<![^\s(\[—–][‘'])(?=[^\W_])")


def find_single_quoted(text: str, doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """‘…’ spans outside double quotes; a ’ between letters is an apostrophe, not a mark."""
    spans: list[QuoteSpan] = []
    taken = [(s.open, s.close) for s in doubles]
    pos = 0
    for match in SINGLE_OPENER.finditer(text):
        start = match.start()
        if start < pos or any(a <= start <= b for a, b in taken):
            continue
        close = _single_closer(text, start + 1)
        if close is None or any(start < a < close for a, _ in taken):
            continue
        spans.append(_span(text, start, close, single=True))
        pos = close + 1
    return [s for s in spans if s.end > s.start]


def _single_closer(text: str, i: int) -> int | None:
    limit = min(len(text), i + 400)
    for j in range(i, limit):
        if text[j] in "’'" and not text[j - 1].isspace():
            after = text[j + 1] if j + 1 < len(text) else " "
            if not after.isalnum():
                return j
    return None


def _span(text: str, open_at: int, close: int, single: bool) -> QuoteSpan:
    start, end = open_at + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(open_at, close, start, end, single)


def mask_quoted_words(text: str, spans: list[QuoteSpan]) -> str:
    """Blank the quoted words (offsets kept) but keep a final .?! so sentences still end."""
    chars = list(text)
    for span in spans:
        blank = range(span.open + 1, min(span.close, len(text)))
        chars[blank.start : blank.stop] = " " * len(blank)
        if span.end > span.start and text[span.end - 1] in ".?!":
            chars[span.end - 1] = text[span.end - 1]
    return "".join(chars)


# -- sentences -----------------------------------------------------------------

SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)\]]*\s+(?=[\"“‘«„(\[]?[A-Z0-9])")
ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Sen|Rep|Gov|Prof|St|Jr|Sr|No|Vol|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs|approx)\.)$"
)


def sentence_starts(masked: str) -> list[int]:
    """Offsets where sentences begin; abbreviations (U.S., Gen., Feb.) end none."""
    starts = [0]
    for match in SENTENCE_END.finditer(masked):
        head = masked[max(0, match.start() - 12) : match.start() + 1]
        if ABBREVIATION.search(head):
            continue
        starts.append(match.end())
    return starts


def _sentence_end(masked: str, pos: int) -> int:
    for match in SENTENCE_END.finditer(masked, pos):
        head = masked[max(0, match.start() - 12) : match.start() + 1]
        if not ABBREVIATION.search(head):
            return match.end()
    return len(masked)


# -- who can speak -------------------------------------------------------------

POSSESSIVE_AFTER = re.compile(r"[’'‘]s?\b")
POSSESSIVE_END = re.compile(r"\w[’'‘]s?$")  # a matcher may include the "’s" in the surface
# "NATO chief", "Kremlin spokesman", "Biden administration", "Kremlin-backed": a name
# used as a modifier of the noun that really speaks, or of nobody.
MODIFIER_AFTER = re.compile(
    r"-\w|\s+(?:administration|government|campaign|team|camp|office|spokes(?:man|woman|person)|"
    r"ambassador|envoy|chief|head|officials?|ministers?|ministry|secretary|commander|leaders?|"
    r"representatives?|members?|advis[eo]rs?|aides?|allies|counterparts?|forces|troops|army|military|"
    r"foreign|defen[cs]e|president|prime|general|diplomats?|sources?|state|deputy|press|staff|"
    r"lawmakers|parliament|national|security|negotiators?)\b",
    re.IGNORECASE,
)
# "a NATO official said", "officials told Reuters", "a source close to …"; not "spokesman
# Dmitry Peskov" (there the name speaks) nor "an official visit".
UNNAMED_STEMS = ("official", "diplomat", "source", "spokes", "aide", "advis", "insider", "familiar")
UNNAMED_SPEAKER = re.compile(
    r"\b(?i:officials?|diplomats?|sources?|spokes(?:man|woman|person|people)|aides?|advis[eo]rs?|insiders?"
    r"|(?:person|people) familiar)\b"
    r"(?=\s*(?:[,.;:)—–]|$)|\s+(?i:said|says|told|tells|added|adds|who|with|from|in|at|for|familiar|"
    r"speaking|briefed|close|on|of|quoted|cited|insisted|warned|noted|stressed|explained|declined|wrote|"
    r"also|later|had|has|have|was|were|would|did|confirmed|denied)\b)"
)
PRONOUN = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)
OUTLET = re.compile(
    r"^(?:the\s+)?(?:Reuters|AFP|Agence France[- ]Presse|AP|Associated Press|BBC|CNN|Bloomberg|TASS"
    r"|RIA(?: Novosti)?|Interfax|Ukrinform|Al Jazeera|Axios|Politico|New York Times|Washington Post"
    r"|Guardian|Newsweek"
    r"|Wall Street Journal|Financial Times|NBC|CBS|ABC|Fox News|Sky News|Kyiv Independent|Kyiv Post"
    r"|Moscow Times|Deutsche Welle|DW|Euronews|NPR|Xinhua|Anadolu|Le Monde|Der Spiegel|Times)$",
    re.IGNORECASE,
)


def find_candidates(
    text: str, masked: str, mentions: list[Mention], spans: list[QuoteSpan]
) -> list[Candidate]:
    """Named actors, unnamed officials and pronouns outside the quoted words."""
    found: list[Candidate] = []
    for mention in _outermost(mentions):
        if any(s.open < mention.start < s.close for s in spans):
            continue  # never take a speaker from inside the quote
        if POSSESSIVE_END.search(mention.surface) or _is_possessive_or_modifier(text, mention.end):
            continue
        is_outlet = _is_outlet(mention.name) or _is_outlet(mention.surface)
        found.append(Candidate(mention.start, mention.end, mention.kind, mention.name, is_outlet))
    unnamed = UNNAMED_SPEAKER.finditer(masked) if may_contain(masked, UNNAMED_STEMS) else ()
    for match in unnamed:
        if not _inside_mention(found, match.start()):
            found.append(Candidate(match.start(), match.end(), "unnamed", UNNAMED))
    for match in PRONOUN.finditer(masked):
        found.append(Candidate(match.start(), match.end(), "pronoun", match.group().lower()))
    return sorted(found, key=lambda c: (c.start, c.end))


@lru_cache(maxsize=4096)
def _is_outlet(name: str) -> bool:
    """Cached: an article names the same few actors over and over."""
    return OUTLET.match(name) is not None


def _outermost(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _is_possessive_or_modifier(text: str, end: int) -> bool:
    rest = text[end : end + 40]
    return bool(POSSESSIVE_AFTER.match(rest) or MODIFIER_AFTER.match(rest))


def _inside_mention(found: list[Candidate], pos: int) -> bool:
    return any(c.start <= pos < c.end for c in found)


# -- speech verbs --------------------------------------------------------------


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


SPEECH_VERBS = _word_set(
    """
    say says said saying tell tells told telling add adds added adding write writes wrote writing
    tweeted posted warn warns warned note notes noted noting stresses stressed stressing insist
    insists insisted insisting explains explained explaining continued asks asked reply replies
    replied responded stated declare declares declared announce announces announced argues argued
    arguing claimed urge urges urged urging called describes described describing expresses
    expressed expressing vows vowed promised pledged admits admitted acknowledged conceded recalled
    suggested predicted confirmed denies denied emphasises emphasised emphasising emphasizes
    emphasized emphasizing underlined underscored remarked commented observed cautioned complained
    boasted demanded concluded shouted joked quipped lamented reiterated maintained countered agreed
    hinted accused blamed criticised criticized praised hailed dubbed branded labelled labeled
    assured reported mentioned recounted proclaimed appealed wondered mused
    """
)
WORD_TOKEN = re.compile(r"(?<![-\w])[A-Za-z]+(?![-\w])")  # "so-called" is no speech verb
PHRASES = ("according to", "as per", "in the words of", "pointed out", "went on")
PHRASAL_SPEECH = re.compile(r"\b(?:" + "|".join(PHRASES) + r")\b", re.IGNORECASE)
OUTLET_VERBS = {"say", "says", "said", "tell", "tells", "told", "writes", "wrote"}
COORDINATED = re.compile(r"\b(?:and|but|then)\s+(?:\w+ly\s+|also\s+|later\s+|then\s+)?$", re.IGNORECASE)
# A parenthetical between a subject and its verb: ", a spokesman for Russian President
# Vladimir Putin," or ", who met Biden on Friday," — nobody in it is the subject.
APPOSITIVE = re.compile(
    r",\s+(?:a|an|the|who|whose|which|whom|himself|herself|its|his|her|their|one of|also|in|during|after|"
    r"before|at|with|when|while|following|speaking|asked|citing)\b[^,;:]{0,140},",
    re.IGNORECASE,
)
INVERSION_GAP = re.compile(r"^[\s,;:—–\-\"“”‘’'«»„]*$")
CLAUSE_BREAK = re.compile(r"[,;:(—–]|\s[\"“«„]")


def find_speech_acts(
    masked: str, starts: list[int], spans: list[QuoteSpan], candidates: list[Candidate]
) -> list[SpeechAct]:
    """Every speech verb outside quotes with its (still unresolved) subject."""
    appositives = [
        (m.start(), m.end()) for m in APPOSITIVE.finditer(masked) if not _has_speech_verb(m.group())
    ]
    usable = [c for c in candidates if not any(a < c.start < b for a, b in appositives)]
    acts: list[SpeechAct] = []
    for match in _speech_verbs(masked):
        if any(a < match.start() < b for a, b in appositives):
            continue
        verb = match.group().lower()
        act = SpeechAct(match.start(), match.end(), verb, bisect_right(starts, match.start()) - 1)
        previous = acts[-1] if acts and acts[-1].sentence == act.sentence else None
        act.subject = _subject(masked, starts, spans, usable, act, previous)
        acts.append(act)
    return acts


def _speech_verbs(masked: str) -> list[re.Match[str]]:
    phrasal = PHRASAL_SPEECH.finditer(masked) if may_contain(masked, PHRASES) else ()
    words = [m for m in WORD_TOKEN.finditer(masked) if m.group().lower() in SPEECH_VERBS]
    return sorted([*words, *phrasal], key=lambda m: m.start())


def _has_speech_verb(text: str) -> bool:
    return any(m.group().lower() in SPEECH_VERBS for m in WORD_TOKEN.finditer(text))


def _subject(
    masked: str,
    starts: list[int],
    spans: list[QuoteSpan],
    usable: list[Candidate],
    act: SpeechAct,
    previous: SpeechAct | None,
) -> Candidate | None:
    allowed = [c for c in usable if not c.outlet or act.verb in OUTLET_VERBS]
    if act.verb in {"according to", "as per", "in the words of"}:
        return _subject_after(masked, allowed, act.end)
    sentence_start = starts[act.sentence]
    clause_start = max(
        [sentence_start]
        + [s.close + 1 for s in spans if sentence_start <= s.close < act.start]
        + ([previous.end] if previous else [])
    )
    before = masked[clause_start : act.start]
    if act.verb.endswith("ing") or COORDINATED.search(before):
        return _subject_of_coordinated(allowed, act, previous, sentence_start)
    in_clause = [c for c in allowed if clause_start <= c.start and c.end <= act.start]
    if in_clause:
        return max(in_clause, key=lambda c: c.end)
    if INVERSION_GAP.match(before):
        return _subject_after(masked, allowed, act.end)
    return previous.subject if previous else None


def _subject_of_coordinated(
    allowed: list[Candidate], act: SpeechAct, previous: SpeechAct | None, sentence_start: int
) -> Candidate | None:
    """Of "X told Y …, but said …" and ", adding that …": the subject of the clause before."""
    if previous and previous.subject:
        return previous.subject
    leading = [c for c in allowed if sentence_start <= c.start and c.end <= act.start]
    return leading[0] if leading else None


def _subject_after(masked: str, allowed: list[Candidate], pos: int) -> Candidate | None:
    """'said Zelenskiy, whose …', 'according to X': the first actor before the clause ends."""
    stop = CLAUSE_BREAK.search(masked, pos)
    limit = min(stop.start() if stop else len(masked), _sentence_end(masked, pos))
    after = [c for c in allowed if pos <= c.start and c.end <= limit and c.kind != "pronoun"]
    return after[0] if after else None


# -- pronouns and salience -----------------------------------------------------

MAX_PARAGRAPHS_BACK = 2


@dataclass(frozen=True)
class Salient:
    paragraph: int
    name: str
    kind: str


def resolve_speakers(paragraphs: list[Paragraph]) -> None:
    """Give every speech act a speaker, reading in order so "he" finds its antecedent.

    The antecedent of he/she is the latest person who either spoke or led a sentence
    (the first person named in it), within this paragraph or the two before; "they"
    takes the latest organization or unnamed officials.
    """
    recent: list[Salient] = []
    for para in paragraphs:
        events: list[tuple[int, Candidate | SpeechAct]] = [(c.start, c) for c in _sentence_leads(para)]
        events += [(act.start, act) for act in para.acts]
        for _, item in sorted(events, key=lambda e: (e[0], isinstance(e[1], SpeechAct))):
            if isinstance(item, Candidate):
                recent.append(Salient(para.index, item.name, "person"))
            elif item.subject is not None:
                _give_speaker(item, item.subject, recent, para.index)
                if item.speaker:
                    recent.append(Salient(para.index, item.speaker, item.speaker_kind or "person"))


def _sentence_leads(para: Paragraph) -> list[Candidate]:
    """The first person named in each sentence: usually its subject."""
    leads = []
    bounds = [*para.sentence_starts, len(para.text)]
    for start, stop in pairwise(bounds):
        lead = next((c for c in para.candidates if start <= c.start < stop and c.kind == "person"), None)
        if lead:
            leads.append(lead)
    return leads


def _give_speaker(act: SpeechAct, subject: Candidate, recent: list[Salient], paragraph: int) -> None:
    if subject.kind != "pronoun":
        act.speaker, act.speaker_kind = subject.name, subject.kind
        return
    found = _antecedent(recent, paragraph, subject.name)
    if found:
        act.speaker, act.speaker_kind = found.name, found.kind


def _antecedent(recent: list[Salient], paragraph: int, pronoun: str) -> Salient | None:
    wanted = {"organization", "unnamed"} if pronoun == "they" else {"person"}
    for entry in reversed(recent):
        if paragraph - entry.paragraph > MAX_PARAGRAPHS_BACK:
            return None
        if entry.kind in wanted:
            return entry
    return None


# -- attribution ---------------------------------------------------------------

INTRODUCES = re.compile(r"(?:^[\s,]*(?:that\s*)?|:\s*)$", re.IGNORECASE)
MAX_WORDS_BEFORE_TRAILING_VERB = 8
MAX_WORDS_FROM_VERB = 40
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# "his book “The Art of the Deal”", "a report titled “…”": a title, not anyone's words;
# "the so-called “red lines”", "the term “…”": the writer's scare quotes.
NOT_SPEECH_CUE = re.compile(
    r"(?:\b(?:book|novel|memoir|film|movie|documentary|series|show|song|album|play|report|article|essay|"
    r"column|op-ed|podcast|headline|poem|titled|entitled|dubbed|named|slogan|hashtag|operation|"
    r"programme|program|initiative|exhibition|newspaper|magazine|term|phrase|word|label|motto)|"
    r"(?<![\w-])so-called)\s*[,:]?\s*$",
    re.IGNORECASE,
)


@dataclass
class Attribution:
    speaker: str
    same_sentence: bool


def attribute(para: Paragraph, span: QuoteSpan, earlier: list[tuple[int, str]]) -> Attribution | None:
    """Speaker of one span from its own paragraph (rules 1-4 of the module docstring)."""
    sentence = bisect_right(para.sentence_starts, span.open) - 1
    before = [a for a in para.acts if a.sentence == sentence and a.end <= span.open and a.speaker]
    if before and INTRODUCES.search(para.masked[before[-1].end : span.open]):
        return Attribution(before[-1].speaker, True)
    trailing = _trailing_act(para, span)
    if trailing:
        return Attribution(trailing.speaker, True)
    if before and _word_count(para.masked[before[-1].end : span.open]) <= MAX_WORDS_FROM_VERB:
        return Attribution(before[-1].speaker, True)
    if _opens_sentence(para, span, sentence):
        last = _last_speaker(para, earlier, span.open)
        if last:
            return Attribution(last, False)
    return None


def _trailing_act(para: Paragraph, span: QuoteSpan) -> SpeechAct | None:
    if span.close >= len(para.text):
        return None
    stop = _sentence_end(para.masked, span.close + 1)
    next_open = min((s.open for s in para.spans if s.open > span.close), default=len(para.text))
    for act in para.acts:
        if span.close < act.start < min(stop, next_open):
            gap = para.masked[span.close + 1 : act.start]
            if not act.speaker or _word_count(gap) > MAX_WORDS_BEFORE_TRAILING_VERB:
                return None
            return None if _starts_new_sentence(para, span, act) else act
    return None


THAT = re.compile(r"\bthat\b", re.IGNORECASE)
CORE_ATTRIBUTION = re.compile(
    r"^(?:say|says|said|tells?|told|adds?|added|writes?|wrote|asked|replied|tweeted|posted|stated|declared|"
    r"noted|explained|continued|according to)$"
)


def _starts_new_sentence(para: Paragraph, span: QuoteSpan, act: SpeechAct) -> bool:
    """'“… done.” Putin has warned the West …' opens a new sentence about something else;
    '“… done.” Zelensky said in a statement.' (a misplaced period) only credits the quote."""
    if not para.text[span.start : span.end].endswith("."):
        return False
    gap = para.masked[span.close + 1 : act.start]
    rest = para.masked[act.end : _sentence_end(para.masked, act.end)]
    short_tag = _word_count(gap) <= 4 and _word_count(rest) <= 5 and not THAT.search(rest)
    return "," in gap or not short_tag or not CORE_ATTRIBUTION.match(act.verb)


def _opens_sentence(para: Paragraph, span: QuoteSpan, sentence: int) -> bool:
    lead = para.masked[para.sentence_starts[sentence] : span.open]
    return not WORD.search(lead)


def _last_speaker(para: Paragraph, earlier: list[tuple[int, str]], pos: int) -> str | None:
    said = [(a.start, a.speaker) for a in para.acts if a.speaker and a.start < pos]
    said += [(p, s) for p, s in earlier if p < pos]
    return max(said)[1] if said else None


def _word_count(text: str) -> int:
    return len(WORD.findall(text))


def _is_title_or_scare_quote(para: Paragraph, span: QuoteSpan) -> bool:
    return bool(NOT_SPEECH_CUE.search(para.masked[max(0, span.open - 40) : span.open]))


def _long_enough(para: Paragraph, span: QuoteSpan, found: Attribution) -> bool:
    """Four words make a quote; three do when the sentence itself credits them."""
    words = _word_count(para.text[span.start : span.end])
    return words >= 4 or (words == 3 and found.same_sentence)


# -- the whole article ---------------------------------------------------------


def analyse(index: int, text: str, mentions: list[Mention], spans: list[QuoteSpan]) -> Paragraph:
    """One paragraph read for speakers: `spans` are its `find_quote_spans`."""
    masked = mask_quoted_words(text, spans)
    starts = sentence_starts(masked)
    candidates = find_candidates(text, masked, mentions, spans)
    acts = find_speech_acts(masked, starts, spans, candidates)
    return Paragraph(index, text, masked, spans, starts, candidates, acts)


def find_quotes(paragraphs: list[str], mentions: list[Mention]) -> list[Quote]:
    """Every attributed direct quotation, in reading order, speaker by canonical name."""
    by_paragraph: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_paragraph.setdefault(mention.paragraph, []).append(mention)
    spans = [find_quote_spans(text) for text in paragraphs]
    # Speakers are resolved reading forward, so the paragraphs after the last quote change nothing.
    quoted = [i for i, found in enumerate(spans) if found]
    until = quoted[-1] + 1 if quoted else 0
    analysed = [analyse(i, paragraphs[i], by_paragraph.get(i, []), spans[i]) for i in range(until)]
    resolve_speakers(analysed)

    found: list[tuple[Paragraph, QuoteSpan, Attribution | None]] = []
    last_of_previous: str | None = None
    for para in analysed:
        earlier: list[tuple[int, str]] = []  # (offset, speaker) of the quotes credited so far
        for span in para.spans:
            attribution = attribute(para, span, earlier)
            if attribution is None and last_of_previous and not WORD.search(para.masked[: span.open]):
                attribution = Attribution(last_of_previous, False)  # rule 5: the quote opens the paragraph
            if attribution:
                earlier.append((span.open, attribution.speaker))
            found.append((para, span, attribution))
        last_of_previous = _last_speaker(para, earlier, len(para.text) + 1)
    found = _carry_back_run_on_quotes(found)
    return _as_quotes(found)


def _carry_back_run_on_quotes(
    found: list[tuple[Paragraph, QuoteSpan, Attribution | None]],
) -> list[tuple[Paragraph, QuoteSpan, Attribution | None]]:
    """An unclosed, uncredited quote ending its paragraph takes the speaker of the quote
    that opens the next paragraph: the opening paragraphs of a multi-paragraph quote."""
    out = list(found)
    for k in range(len(out) - 2, -1, -1):
        para, span, attribution = out[k]
        nxt_para, nxt_span, nxt_attr = out[k + 1]
        runs_on = span.close >= len(para.text) and not span.single
        opens_next = nxt_para.index == para.index + 1 and not WORD.search(nxt_para.masked[: nxt_span.open])
        if attribution is None and runs_on and opens_next and nxt_attr:
            out[k] = (para, span, Attribution(nxt_attr.speaker, False))
    return out


def _as_quotes(found: list[tuple[Paragraph, QuoteSpan, Attribution | None]]) -> list[Quote]:
    quotes: list[Quote] = []
    seen: set[tuple[str, str]] = set()
    for para, span, attribution in found:
        if attribution is None or not _long_enough(para, span, attribution):
            continue
        if _is_title_or_scare_quote(para, span):
            continue
        text = para.text[span.start : span.end].rstrip().removesuffix(",").rstrip()
        key = (attribution.speaker, text)
        if text and key not in seen:
            seen.add(key)
            quotes.append(Quote(attribution.speaker, text))
    return quotes
