"""Direct quotes and their speakers (generator/extract/quotes.py).

Mentions normally come from the entity matcher; here `mentions()` builds them by
hand from a table of surface -> (canonical name, kind).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from generator.extract.mentions import Mention
from generator.extract.quotes import find_quote_spans, find_quotes
from generator.record import Quote

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "content" / "seeds"
GOLD = ROOT.parent / "shared" / "gold" / "seeds.yaml"

ACTORS = {
    "Volodymyr Zelensky": ("Volodymyr Zelensky", "person"),
    "Zelensky": ("Volodymyr Zelensky", "person"),
    "Zelenskiy": ("Volodymyr Zelensky", "person"),
    "Zelenskyy": ("Volodymyr Zelensky", "person"),
    "Jens Stoltenberg": ("Jens Stoltenberg", "person"),
    "Stoltenberg": ("Jens Stoltenberg", "person"),
    "Dmitry Peskov": ("Dmitry Peskov", "person"),
    "Peskov": ("Dmitry Peskov", "person"),
    "Vladimir Putin": ("Vladimir Putin", "person"),
    "Putin": ("Vladimir Putin", "person"),
    "Joe Biden": ("Joe Biden", "person"),
    "Biden": ("Joe Biden", "person"),
    "Donald Trump": ("Donald Trump", "person"),
    "Trump": ("Donald Trump", "person"),
    "Kamala Harris": ("Kamala Harris", "person"),
    "Harris": ("Kamala Harris", "person"),
    "Morgan Finkelstein": ("Morgan Finkelstein", "person"),
    "Nataliia Galibarenko": ("Nataliia Galibarenko", "person"),
    "Urmas Reinsalu": ("Urmas Reinsalu", "person"),
    "Petro Poroshenko": ("Petro Poroshenko", "person"),
    "Poroshenko": ("Petro Poroshenko", "person"),
    "Antony Blinken": ("Antony Blinken", "person"),
    "Blinken": ("Antony Blinken", "person"),
    "Emmanuel Macron": ("Emmanuel Macron", "person"),
    "Macron": ("Emmanuel Macron", "person"),
    "Dmytro Kuleba": ("Dmytro Kuleba", "person"),
    "Kuleba": ("Dmytro Kuleba", "person"),
    "Maria Ivanova": ("Maria Ivanova", "person"),
    "NATO": ("NATO", "organization"),
    "Nato": ("NATO", "organization"),
    "Kremlin": ("Kremlin", "organization"),
    "White House": ("White House", "organization"),
    "Pentagon": ("Pentagon", "organization"),
    "U.S. State Department": ("U.S. State Department", "organization"),
    "Reuters": ("Reuters", "organization"),
    "BBC": ("BBC", "organization"),
    "Ukraine": ("Ukraine", "country"),
    "Russia": ("Russia", "country"),
    "Kyiv": ("Kyiv", "place"),
    "Norway": ("Norway", "country"),
}


def mentions(paragraphs: list[str], table: dict[str, tuple[str, str]] = ACTORS) -> list[Mention]:
    """Every whole-word occurrence of a known surface, longest surfaces first."""
    found: list[Mention] = []
    for index, paragraph in enumerate(paragraphs):
        for surface, (name, kind) in sorted(table.items(), key=lambda kv: -len(kv[0])):
            for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", paragraph):
                if any(m.paragraph == index and m.start <= match.start() < m.end for m in found):
                    continue
                found.append(Mention(index, match.start(), match.end(), surface, name, kind, None, "alias"))
    return found


def quotes(*paragraphs: str) -> list[tuple[str, str]]:
    found = find_quotes(list(paragraphs), mentions(list(paragraphs)))
    return [(q.speaker, q.text) for q in found]


# -- attribution after the quote -----------------------------------------------


def test_name_said_after_the_quote_credits_that_name():
    line = (
        '"Russia has maintained its aggressive actions against Ukraine, but NATO and NATO allies stand by '
        'Ukraine and stand on your side," Stoltenberg said at the NATO-Ukraine Commission session in Kiev.'
    )
    assert quotes(line) == [
        (
            "Jens Stoltenberg",
            "Russia has maintained its aggressive actions against Ukraine, but NATO and NATO allies stand "
            "by Ukraine and stand on your side",
        )
    ]


def test_said_before_the_name_credits_the_name_not_the_relative_clause():
    line = (
        '"But reforms alone will not stop Russia," said Zelenskiy, whose government has said it hopes to '
        "be invited this year to join a NATO Membership Action Plan (MAP)."
    )
    assert quotes(line) == [("Volodymyr Zelensky", "But reforms alone will not stop Russia")]


def test_title_before_the_name_gives_the_person_not_the_body():
    line = (
        "\"It (Ukraine's rapprochement with NATO) will not contribute to the strengthening of stability and "
        'security on the European continent," Kremlin spokesman Dmitry Peskov said.'
    )
    assert quotes(line)[0][0] == "Dmitry Peskov"


def test_appositive_after_the_name_does_not_hide_the_speaker():
    line = (
        "“Giving Ukraine (an) invitation at this moment is a political signal,” Nataliia Galibarenko, "
        "Kyiv’s NATO ambassador told Reuters."
    )
    assert quotes(line) == [
        ("Nataliia Galibarenko", "Giving Ukraine (an) invitation at this moment is a political signal")
    ]


def test_a_possessive_mention_is_never_the_speaker_even_with_the_s_in_its_surface():
    line = (
        "“We sincerely believe it can be part of the legacy,” Nataliia Galibarenko, Kyiv’s ambassador "
        "told Reuters."
    )
    start = line.index("Kyiv’s")
    found = mentions([line]) + [Mention(0, start, start + 6, "Kyiv’s", "Kyiv", "place", "kyiv", "alias")]
    found = [m for m in found if m.surface != "Kyiv"]
    assert [(q.speaker, q.text) for q in find_quotes([line], found)] == [
        ("Nataliia Galibarenko", "We sincerely believe it can be part of the legacy")
    ]


def test_unnamed_official_after_the_quote():
    line = (
        '"We\'re ready for any scenario," a senior Western official told Reuters on condition of anonymity.'
    )
    assert quotes(line) == [("unnamed official", "We're ready for any scenario")]


def test_according_to_names_the_speaker_after_it():
    line = "“The aid will arrive within weeks,” according to a statement from the Pentagon."
    assert quotes(line) == [("Pentagon", "The aid will arrive within weeks")]


def test_a_news_outlet_cited_as_source_is_not_a_speaker():
    line = (
        "The plan also includes “a refusal to cede any more Ukrainian territory to Russia”, as per the BBC."
    )
    assert quotes(line) == []


def test_a_new_sentence_after_a_closed_quote_does_not_claim_it():
    line = (
        "“NATO is not a party to this conflict,” Stoltenberg told reporters. “We help Ukraine uphold its "
        "right to self-defence.” Putin has warned the West against further escalation."
    )
    assert quotes(line) == [
        ("Jens Stoltenberg", "NATO is not a party to this conflict"),
        ("Jens Stoltenberg", "We help Ukraine uphold its right to self-defence."),
    ]


# -- attribution before the quote ----------------------------------------------


def test_said_colon_introduces_the_quote_past_an_appositive():
    line = (
        "Stoltenberg, a former prime minister of Norway, said: “President Putin cannot oppose sovereign "
        "countries making sovereign decisions that do not pose a threat to Russia. I think what he fears "
        "is democracy and freedom, which are the main challenges he faces. “"
    )
    assert quotes(line) == [
        (
            "Jens Stoltenberg",
            "President Putin cannot oppose sovereign countries making sovereign decisions that do not pose a "
            "threat to Russia. I think what he fears is democracy and freedom, which are the main challenges "
            "he faces.",
        )
    ]


def test_a_quote_that_never_closes_runs_to_the_end_of_its_paragraph():
    line = (
        "Estonian Foreign Minister Urmas Reinsalu told Reuters: “The strongest message from this visit is: "
        "Ukraine needs to win this war, so,…… Western support should be stronger"
    )
    [(speaker, text)] = quotes(line)
    assert speaker == "Urmas Reinsalu"
    assert text.startswith("The strongest message from this visit is:")
    assert text.endswith("Western support should be stronger")


def test_partial_quotes_in_reported_speech_belong_to_the_reporting_subject():
    line = (
        "Stoltenberg said that on the issue of other countries accession to NATO, “Russia has no veto "
        "power” and that “we also support Ukraine’s accession to NATO.”"
    )
    assert quotes(line) == [
        ("Jens Stoltenberg", "Russia has no veto power"),
        ("Jens Stoltenberg", "we also support Ukraine’s accession to NATO."),
    ]


def test_expressed_his_partial_quote_belongs_to_the_subject_not_the_leading_phrase():
    line = (
        "In a call with the Ukrainian president on Friday, Joe Biden expressed his “unwavering support for "
        "Ukraine’s sovereignty and territorial integrity in the face of Russia’s ongoing aggression.” But "
        "the White House did not mention any request to join."
    )
    [(speaker, text)] = quotes(line)
    assert speaker == "Joe Biden"
    assert text.startswith("unwavering support for Ukraine’s sovereignty")


def test_has_called_someone_a_phrase_credits_the_caller():
    line = (
        "Trump has called Zelensky “the greatest salesman on Earth” over the aid Ukraine has received from "
        "the Biden administration."
    )
    assert quotes(line) == [("Donald Trump", "the greatest salesman on Earth")]


def test_spokesman_for_someone_in_an_appositive_is_not_the_speaker():
    line = (
        "Dmitry Peskov, a spokesman for Russian President Vladimir Putin, later warned that the move would "
        "“only worsen the situation in the east”."
    )
    assert quotes(line) == [("Dmitry Peskov", "only worsen the situation in the east")]


def test_a_name_inside_the_quote_never_becomes_the_speaker():
    line = (
        "In September, the Harris-Walz campaigns’ National Security Spokeswoman Morgan Finkelstein "
        "released a statement that said “Vice President Harris understands that the American people stand "
        "on the side of freedom, democracy and rule of law.”"
    )
    [(speaker, text)] = quotes(line)
    assert speaker == "Morgan Finkelstein"
    assert text.startswith("Vice President Harris understands")


def test_according_to_before_the_quote():
    line = "According to Zelensky, “the next weeks will be decisive for the whole front.”"
    assert quotes(line) == [("Volodymyr Zelensky", "the next weeks will be decisive for the whole front.")]


def test_a_verb_joined_by_but_keeps_the_first_subject():
    line = (
        "Zelensky told Stoltenberg on Tuesday that Ukraine was committed to reforms, but said reform alone "
        "would “not stop Russia from attacking again”."
    )
    assert quotes(line) == [("Volodymyr Zelensky", "not stop Russia from attacking again")]


# -- quotes that take their speaker from elsewhere -----------------------------


def test_a_quote_after_an_attributed_quote_in_the_same_paragraph():
    line = (
        '"We very much doubt that this will help Ukraine settle its domestic problem," Peskov said. '
        '"From our point of view, it will only worsen the situation."'
    )
    assert quotes(line) == [
        ("Dmitry Peskov", "We very much doubt that this will help Ukraine settle its domestic problem"),
        ("Dmitry Peskov", "From our point of view, it will only worsen the situation."),
    ]


def test_a_quote_after_reported_speech_by_an_organization():
    line = (
        "The U.S. State Department said Monday that the United States had sought an explanation for "
        "Russia’s recent provocations. “We have sent this message very clearly to our Ukrainian partners.”"
    )
    assert quotes(line) == [
        ("U.S. State Department", "We have sent this message very clearly to our Ukrainian partners.")
    ]


def test_the_official_added_after_an_unnamed_official():
    line = (
        "A Nato official said on Tuesday that the alliance had an open door policy on membership. The "
        "official added: “NATO will help Ukraine strengthen the capabilities of its armed forces.”"
    )
    assert quotes(line) == [
        ("unnamed official", "NATO will help Ukraine strengthen the capabilities of its armed forces.")
    ]


def test_a_paragraph_that_is_all_quote_continues_the_previous_speaker():
    first = (
        "\"We are also here to demonstrate NATO's solidarity with Ukraine and our firm support for the "
        'sovereignty and territorial integrity of your country," Stoltenberg said.'
    )
    second = (
        '"NATO allies do not and will not recognise Russia\'s illegal and illegitimate annexation of Crimea."'
    )
    assert quotes(first, second)[1] == (
        "Jens Stoltenberg",
        "NATO allies do not and will not recognise Russia's illegal and illegitimate annexation of Crimea.",
    )


def test_reported_speech_paragraph_lends_its_speaker_to_the_quote_paragraph_after():
    assert quotes(
        "Kuleba said the alliance should act fast.",
        '"Every day of delay costs Ukrainian lives. We need a decision now."',
    ) == [("Dmytro Kuleba", "Every day of delay costs Ukrainian lives. We need a decision now.")]


def test_a_quote_paragraph_after_narrative_has_no_speaker():
    assert (
        quotes(
            "The weather in Kyiv was cold and the streets were empty.",
            '"Every day of delay costs Ukrainian lives. We need a decision now."',
        )
        == []
    )


def test_an_unclosed_quote_takes_the_speaker_of_the_quote_that_continues_it():
    assert quotes(
        "“We will rebuild every school and every hospital that Russia has destroyed.",
        "“And we will do it with our partners,” Zelensky said.",
    ) == [
        ("Volodymyr Zelensky", "We will rebuild every school and every hospital that Russia has destroyed."),
        ("Volodymyr Zelensky", "And we will do it with our partners"),
    ]


def test_a_quote_split_by_he_said_gives_two_quotes_from_one_speaker():
    line = (
        "Macron said Europe must do more. “We cannot let Russia win this war,” he told reporters, adding "
        "that “everything is on the table.”"
    )
    assert quotes(line) == [
        ("Emmanuel Macron", "We cannot let Russia win this war"),
        ("Emmanuel Macron", "everything is on the table."),
    ]


# -- pronouns ------------------------------------------------------------------


def test_he_said_is_the_last_person_who_spoke_not_the_last_person_named():
    first = (
        "Stoltenberg said Tuesday he had called Zelenskiy \"to express serious concern about Russia's "
        'military activities in and around Ukraine and ongoing ceasefire violations."'
    )
    second = (
        "\"NATO firmly supports Ukraine's sovereignty and territorial integrity. We remain committed to our "
        'close partnership," he said.'
    )
    assert [speaker for speaker, _ in quotes(first, second)] == ["Jens Stoltenberg", "Jens Stoltenberg"]


def test_he_said_finds_the_subject_of_the_paragraph_before():
    first = (
        "Stoltenberg expressed support for Ukraine’s territorial integrity but stopped short of whether NATO "
        "was ready to give up the so-called MAP, he wrote on Twitter on Tuesday."
    )
    second = (
        "“I have called on President Zelensky to express serious concern about Russia’s military "
        "activities. We are committed to our close partnership, ”he said."
    )
    assert quotes(first, second) == [
        (
            "Jens Stoltenberg",
            "I have called on President Zelensky to express serious concern about Russia’s military "
            "activities. We are committed to our close partnership",
        )
    ]


def test_he_said_with_no_one_before_it_credits_nobody():
    assert quotes("“This is completely unacceptable”, he said.") == []


def test_he_said_does_not_reach_back_more_than_two_paragraphs():
    assert (
        quotes(
            "Biden met Zelensky at the White House.",
            "The talks lasted two hours.",
            "Aid was discussed at length.",
            "Nothing was signed on the day.",
            "“We will stand with Ukraine for as long as it takes,” he said.",
        )
        == []
    )


# -- what is not a quote -------------------------------------------------------


def test_scare_quotes_of_one_or_two_words_are_not_quotes_even_when_someone_speaks():
    line = (
        "Zelensky told Stoltenberg on Tuesday that Ukraine was committed to “reforming” its military and "
        "defense sector, but said reform alone would not “stop Russia”."
    )
    assert quotes(line) == []


def test_a_long_quoted_phrase_nobody_says_is_not_a_quote():
    line = (
        "Ukraine became the sixth country last year to provide “enhanced opportunities for deeper "
        "cooperation with the alliance”."
    )
    assert quotes(line) == []


def test_a_book_title_is_not_a_quote_of_its_author():
    assert quotes("Trump, in his book “The Art of the Deal”, wrote about negotiation.") == []


def test_so_called_marks_scare_quotes_even_with_a_speech_verb():
    assert quotes("Peskov said the so-called “red lines of the West” were never clear.") == []


def test_apostrophes_inside_words_are_not_quote_marks():
    line = (
        "Stoltenberg said NATO‘s door is open and Ukraine’s allies don't doubt it, the alliance’s chief said."
    )
    assert find_quote_spans(line) == []


def test_apostrophes_inside_a_quote_do_not_end_it():
    line = "“Ukraine’s MAP won’t wait for NATO‘s decision forever,” Zelensky said."
    assert quotes(line) == [("Volodymyr Zelensky", "Ukraine’s MAP won’t wait for NATO‘s decision forever")]


def test_single_quoted_headline_words_without_attribution_are_not_quotes():
    assert quotes("Ukraine Urges NATO to Speed Up Membership in 'Signal' to Moscow") == []


def test_single_quoted_quote_with_attribution_is_a_quote():
    assert quotes("'We will fight to the very end,' Zelensky told the crowd in Kyiv.") == [
        ("Volodymyr Zelensky", "We will fight to the very end")
    ]


def test_mismatched_curly_marks_still_pair():
    line = (
        "“NATO is the only way to end the Donbass war. Ukraine’s MAP will be a real signal for Russia, "
        "“Zelensky said in a statement."
    )
    assert quotes(line) == [
        (
            "Volodymyr Zelensky",
            "NATO is the only way to end the Donbass war. Ukraine’s MAP will be a real signal for Russia",
        )
    ]


def test_guillemets_and_low_opening_marks_are_quote_marks():
    assert quotes(
        "Peskov said: «We have nothing to add to what was said earlier.»",
        "Zelensky said: „We will never accept the occupation of our land.“",
    ) == [
        ("Dmitry Peskov", "We have nothing to add to what was said earlier."),
        ("Volodymyr Zelensky", "We will never accept the occupation of our land."),
    ]


def test_quote_text_is_always_a_verbatim_slice():
    paragraphs = [
        "“We will win,” he said, “because we are right.”",
        "Zelensky said: “Our soldiers are holding the line near Bakhmut and everywhere else.”",
    ]
    for quote in find_quotes(paragraphs, mentions(paragraphs)):
        assert isinstance(quote, Quote)
        assert any(quote.text in p for p in paragraphs)


# -- the five seeds ------------------------------------------------------------


def _norm(text: str) -> str:
    """The scorer's normalisation: accents, quote marks and spaces folded."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = "".join("'" if c in "\"'“”‘’«»„‚" else c for c in text)
    return re.sub(r"\s+", " ", text).strip().casefold().rstrip(".")


def _paragraphs(text: str) -> list[str]:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return blocks if len(blocks) >= 5 else [line.strip() for line in text.splitlines() if line.strip()]


def _seed_mentions(paragraphs: list[str], gold: dict) -> list[Mention]:
    """Surname and full name of every gold person, plus gold organizations."""
    table: dict[str, tuple[str, str]] = {}
    for name in gold.get("people") or []:
        table[name] = table[name.split()[-1]] = (name, "person")
    for name in gold.get("organizations") or []:
        table[name] = (name, "organization")
    for surface, (name, kind) in ACTORS.items():
        if name in table or name in (gold.get("people") or []):
            table.setdefault(surface, (name, kind))
    table.setdefault("State Department", ("U.S. State Department", "organization"))
    return mentions(paragraphs, table)


@pytest.mark.skipif(not GOLD.exists(), reason="gold answers not available")
def test_seed_quotes_reach_the_gold_recall_without_inventing_text():
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    wanted = hits = extracted = invented = 0
    for entry in gold:
        text = (SEEDS / entry["file"]).read_text(encoding="utf-8")
        paragraphs = _paragraphs(text)
        found = find_quotes(paragraphs, _seed_mentions(paragraphs, entry))
        got = [(_norm(q.speaker), _norm(q.text)) for q in found]
        for quote in entry.get("quotes") or []:
            text_start, speaker = _norm(quote["text"])[:40], _norm(quote["speaker"])
            wanted += 1
            hits += any(text_start in t and speaker in (s, "unnamed official") for s, t in got)
        flat = _norm(text)
        extracted += len(got)
        invented += sum(1 for _, t in got if t[:40] not in flat)
    assert wanted and hits / wanted >= 0.9
    assert extracted and invented == 0
