"""What a question in everyday words describes, apart from what it asks: the feelings, the body parts, the asking words.

"My thumb and first two fingers go numb and tingly at night. What can I do?" shares no word with "carpal tunnel
syndrome"; the overview closest in meaning may answer it (answer._by_meaning) if it names the question's specific
terms. "tingly" is such a term (a rare word), yet no overview writes it: a patient's word for what they feel is not a
drug, intervention, test or population a near-miss asks about, so the overview closest in meaning need not name it.
Only there: the words' own gate still requires it, so a question whose other terms are a population ("my baby is
floppy and feverish") is never answered on the population alone. The overview must still name

- the body parts the question speaks of (or a broader part: the foot for the sole): "my ankle is swollen after
  twisting it" is close in meaning to the knee and hip osteoarthritis overview, which is not about ankles;
- the topic words of the clause that asks: "my back aches, would a TENS machine help?" asks about TENS.

The feelings and the body parts are in ``data/lay_findings.yaml``; the asking clause's frame words in
``ASKING_FRAME``. A feeling is set aside only where the question describes (a sentence
that asks nothing, or the clauses before the one asking), and never beside a drug, where it may be the drug's side
effect ("I'm constipated and sleepy since starting amitriptyline")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from medora.compose.entities import drugs_in
from medora.compose.exam_options import without_exam_frame
from medora.compose.findings import is_teller
from medora.compose.lay import LayEquivalent
from medora.compose.red_flags import spelled_out
from medora.compose.terms import (
    COMPOUND_TERMS,
    EVERYDAY_WORDS,
    GENERIC_WORDS,
    LAY_SYNONYMS,
    SpecificTerm,
    TermText,
    drug_form_words,
    population_group,
    spellings_of,
    stem,
    stem_sequence,
)
from medora.compose.variants import class_names
from medora.retrieve.tokenize import content_words
from medora.yaml_text import load_yaml

# A clause opening with one of these asks (a question's last clauses: "my knee aches, do I need an x-ray?"); not
# "when", which opens a description as often ("it aches when I walk"), unless a verb that asks follows it ("…6 weeks
# ago, when can I go back to the gym?")
ASKING_OPENERS = frozenset(
    """what how which why where who should shall can could would will do does did is are was were am any has have
    had might may must""".split()
)
# What a negated opener asks about when it asks ("can't I have ibuprofen?", "isn't the dose too high?")
_SUBJECTS = frozenset("i you he she it we they this that these those there the a an my his her your our their".split())
_HAVING = frozenset(("have", "has", "had"))
_HAD_THINGS = frozenset("a an no been some several two three four five many lots".split())
_ANYONE = frozenset("anyone anybody any everyone someone somebody".split())
# …nor "has" before a participle, with no one between to ask: "has bought rope", "has tried ibuprofen" go on telling
# the account (session 53: "… thinking of hanging himself, has bought rope, and lives alone. What now?" asked about
# rope, which the suicide-risk overview never names)
_PARTICIPLES = frozenset("""bought taken had got gotten gone done seen given made lost put felt kept left told said
    found thought brought run begun fallen broken eaten drunk written known come become""".split())
_WHEN_ASKS = frozenset("is are am can could should shall will would do does did may might must".split())
# Possessives and sides before a body part: "my back", "his left calf"; "get the feeling back" is no body part
BODY_OWNERS = frozenset("my his her their your our its lower upper left right both one".split())
OWNER_BEFORE = 2  # "my left calf": the owner of a body part the overview must name comes just before it
PHRASE_OWNER_BEFORE, PHRASE_OWNER_AFTER = 5, 2  # "the soles of my feet": a term owned within its phrase
# Words of an asking clause that frame what is asked, not its topic ("what helps?", "is that normal?", "can it wait
# until tomorrow?")
ASKING_FRAME = frozenset(
    stem(word)
    for word in """help helps helped helpful worth answer ok okay normal serious urgent wrong better worse itself
    themselves check checked checking seen see doctor gp tablet tablets pill pills capsule capsules go away settle last
    long wait waiting today tonight tomorrow soon straight immediately later week weekend morning done happen happens
    happening take available worry worried likely expect next special own myself regular regularly again carry
    continue continuing keep keeping come comes mean means make making give given giving open opens till until goes
    going type types think reckon hospital home slow feel feels right stay staying admitted enough anything
    something nothing another one kind sort idea good fine bad say said says try tried made send sent gone quit
    er definitely certainly probably possibly maybe perhaps surely honestly actually specialist specialists know
    switch switched switching cut cutting necessary necessarily usual usually fair reason reasonable appointment
    appointments sense forever still late wear even allowed allow meant bother real never afterwards afterward first
    definately monday tuesday wednesday thursday friday saturday sunday dangerous danger risky harmful plan plans
    supposed quick quickly fast accept accepted legit matter matters look looks depending depends count counts
    counted course courses every each genuinely genuine fully completely totally entirely absolutely truly
    exactly""".split()
    # "should we just accept that?" (session 57); "does it matter when i take them?" (session 66); "can someone come
    # and look at the house?" (session 72); "… the clot-busting drug depending on an MRI scan", "for me it counts as
    # obesity - who's right?", "the pharmacist suggested an 8 week course of acid tablets", "keep having the
    # injections every few months?" (session 73)
) | frozenset(
    stem(word)  # an exam question's frame (session 62): "Which of the following is the correct dose?", "… most
    # appropriate next step?"
    for word in "correct appropriate suitable best most step".split()
) | frozenset(
    stem(word)  # a plan's scheduling verb (session 66: "the on-call team suggests putting him on tomorrow's routine
    # MRI list. Is that acceptable?" proposes the MRI's timing, which the cauda equina overview gives)
    for word in "put puts putting list".split()
)
# Pronouns the tokenizer keeps ("could his tablets be making him fall?")
_PRONOUNS = frozenset(stem(word) for word in ("him", "himself", "herself", "myself", "yourself", "ourselves", "us"))
# The people a relative asks for or a patient quotes, and the telling itself: no topic of what is asked or proposed
# ("my brother finished a detox last month and the GP mentioned naltrexone, does that work?")
_TELLING = frozenset(
    stem(word)
    for word in """someone somebody anyone anybody everyone brother sister nan nana gran grandmother grandfather aunt
    auntie uncle nephew niece cousin boyfriend girlfriend neighbour friend gp doctor told mentioned suggested
    recommended said says month months week weeks want wants wanted instead rather""".split()
)
_SENTENCE = re.compile(r"(?:[^.?!]|[.?!](?!\s|$))+[.?!]*")  # a break needs a space after: "K 4.4" is one sentence
_NO_BREAK = re.compile(r"\b(e\.g|i\.e|dr|mr|mrs|ms|vs)\.", re.IGNORECASE)  # "e.g. when I walk" goes on
_CLAUSE = re.compile(r"[^,;:]+[,;:]?")
_DASH = re.compile(r"\s+[-–—]\s+")  # a clinician's dash between the case and the question: "Proximal DVT - do …?"
FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|my|me|we|our)\b", re.IGNORECASE)  # a person's own account
_CLAUSE_BREAK = re.compile(r"[,;:]|[.?!](?=\s|$)")  # where a sign written whole cannot run on
# whose body or belongings a sign speaks of, which the sign never writes: "pulling at his cannula" is "pulling at
# cannula" ("her" is a stopword already, "his" is not)
_WHOSE = re.compile(r"\b(?:his|their|your|my|our)\b", re.IGNORECASE)


class Lexicon(NamedTuple):
    """``data/lay_findings.yaml`` read once: each feeling as its stemmed words; body part → its broader parts."""

    feelings: tuple[tuple[str, ...], ...]
    broader: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    text = resources.files("medora.compose").joinpath("data/lay_findings.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)
    feelings = {tuple(stem_sequence(str(phrase))) for group in data["feelings"] for phrase in group}
    parts = {str(part).lower(): tuple(str(word) for word in broader) for part, broader in data["body_parts"].items()}
    return Lexicon(feelings=tuple(sorted(stems for stems in feelings if stems)), broader=parts)


def is_body_part(word: str) -> bool:
    """True for a body part of the lay lexicon ("throat", "shin"), lower-cased."""
    return word in _lexicon().broader


def split_asking(question: str) -> tuple[str, str]:
    """(the part that describes, the part that asks): a sentence that asks nothing describes; in a sentence that
    asks, the clauses from the first one opening with an asking word ask, or the whole sentence when none opens so. A
    dash with spaces round it divides clauses as a colon does in a clinician's note ("Proximal DVT on apixaban - do
    stockings help?"), not in a person's own account: "I've been unsteady since starting amitriptyline - is it the
    tablets?" asks about the unsteadiness."""
    describing: list[str] = []
    asking: list[str] = []
    account = bool(FIRST_PERSON.search(question))
    if not account:
        question = _DASH.sub(": ", question)
    read = []
    for sentence in _SENTENCE.findall(_NO_BREAK.sub(lambda match: match.group(1).replace(".", ""), question)):
        clauses = _CLAUSE.findall(sentence)
        questioned = sentence.rstrip().endswith("?")
        opening = next((index for index, clause in enumerate(clauses)
                        if _opens_asking(clause, account=account, questioned=questioned, midway=index > 0)), None)
        read.append((sentence, clauses, opening, questioned))
    for index, (sentence, clauses, opening, questioned) in enumerate(read):
        if opening is not None:
            describing += clauses[:opening]
            asking += clauses[opening:]
        elif questioned and not (account and any(later[2] is not None for later in read[index + 1 :])):
            asking.append(sentence)
        else:  # in an account, a sentence that opens asking nothing, before one that asks, tells what was said,
            # however marked: "now they say its probably not gout?? does a normal level rule it out?" (session 63)
            describing.append(sentence)
    if not asking and describing and describing[-1].lstrip().startswith("?"):
        asking.append(describing.pop())  # a note's last line queried: "… eGFR 72. ?too late for oseltamivir now"
        # (session 62); "?NSTEMI" within the note is a diagnosis it suspects
    elif not asking and account and len(describing) > 1 and not describing[-1].rstrip().endswith((".", "!")):
        asking.append(describing.pop())  # an account typed without a question mark asks in its last sentence, left
        # unstopped: "… if the urate was normal during the attack does that rule gout out and when should they repeat
        # the test" (session 64); one ending in a full stop tells ("I've had cracked itchy skin between my toes.")
    return " ".join(describing), " ".join(asking)


def _opens_asking(clause: str, *, account: bool = False, questioned: bool = True, midway: bool = False) -> bool:
    words = [word.strip("\"'(") for word in spelled_out(clause).split()]  # "what's" → what, "isn't" → is not
    if not words:
        return False
    if midway and not questioned and words[0] in ("does", "do") and words[1:2] and (
        words[1] not in _SUBJECTS | _ANYONE
    ):
        return False  # "has hypothyroidism, does tai chi, and …." (session 63): what the patient does, in a sentence
        # that asks nothing
    if words[0] in ASKING_OPENERS and words[1:2] == ["not"] and words[2:3] and words[2] not in _SUBJECTS:
        return False  # "can't sleep at all", "doesn't work": the account's verb, no one is asked
    if words[0] in _HAVING and words[1:2] and (
        words[1] in _HAD_THINGS or words[1] in _PARTICIPLES or words[1].endswith("ed") or words[1][:1].isdigit()
    ):
        return False  # "had a withdrawal seizure 2 years ago", "has been low", "has bought rope": the account goes on
    if account and words[0] in _HAVING and not questioned:
        return False  # "had the whooping cough jab last time round … 18 months ago." (session 62): a sentence of the
        # account that asks nothing ends without a question mark
    if account and words[0] in _HAVING and words[1:2] and words[1] not in _SUBJECTS | _ANYONE:
        return False  # "had sciatica down my left leg for 3 weeks": in a person's own account, a thing had, no one
        # asked about (session 58; a question has someone or something after it: "has he had the jab?", "have any
        # of you tried it?"). Not yet in a vignette, whose "Has moderate asthma on ICS-LABA" the gate still reads
        # as asked: read as told, a comorbidity the overview never names went unasked
    if _wonders(words):
        return True
    return words[0] in ASKING_OPENERS or words[0] == "when" and len(words) > 1 and words[1] in _WHEN_ASKS


_WONDER_LEAD = frozenset("i im i'm was am just so and but really".split())  # "i was just wondering if …"
_WONDERING = (
    ("wondering",), ("wonder",), ("not", "sure"), ("unsure",), ("want", "to", "know"), ("wanted", "to", "know"),
    ("curious",),
)
_IF_WHETHER = frozenset(("if", "whether"))


def _wonders(words: list[str]) -> bool:
    """True for a clause that asks indirectly, as an account typed on a phone does (session 62): "wondering whether
    acupuncture helps ibs", "not sure if we should be worried", "i was just wondering if …"."""
    lowered = [word.lower() for word in words]
    start = 0
    while start < len(lowered) and lowered[start] in _WONDER_LEAD:
        start += 1
    return any(
        tuple(lowered[start : start + len(lead)]) == lead and lowered[start + len(lead) : start + len(lead) + 1]
        and lowered[start + len(lead)] in _IF_WHETHER
        for lead in _WONDERING
    )


def felt_labels(question: str, terms: list[SpecificTerm]) -> set[str]:
    """Labels of the technical-word terms that only say what the patient feels or notices ("tingly", "wrecked",
    "runny poo"): the ``describing_labels`` (written where the question describes, not again where it asks, beside
    no drug: "I'm on amitriptyline and sleepy all day" may be its side effect) whose words are the lexicon's
    feelings."""
    describing = describing_labels(question, terms)
    if not describing:
        return set()
    spelled = f" {' '.join(stem_sequence(split_asking(question)[0]))} "
    felt = {word for stems in _lexicon().feelings if f" {' '.join(stems)} " in spelled for word in stems}
    return {label for label in describing if all(part in felt for part in stem_sequence(label))}


def body_parts(question: str) -> list[str]:
    """The body parts the question speaks of ("my left calf", "lower back"), lower-cased, in order; not the part a
    medicine is taken for ("takes ibuprofen for his knees"), which is its history, not the complaint."""
    words = re.findall(r"[a-z]+", question.lower())
    found = [
        word for index, word in enumerate(words)
        if word in _lexicon().broader and _owned(words, index, before=OWNER_BEFORE, after=0)
        and not _treated_part(words, index)
    ]
    return [part for part in dict.fromkeys(found) if not _only_denied(question, part)]


def _only_denied(question: str, part: str) -> bool:
    """True when every mention of the body ``part`` sits in a clause that denies it: not the complaint (session 70:
    "sore across the bottom of my back, no pain down my legs, no numbness" left the back-pain overview partial, its
    answer never naming the legs)."""
    mentions = list(re.finditer(rf"\b{re.escape(part)}\b", question, re.IGNORECASE))
    return bool(mentions) and all(
        _DENIAL_BEFORE.search(question[max(0, mention.start() - _DENIED_REACH) : mention.start()])
        for mention in mentions
    )


_DENIAL_BEFORE = re.compile(  # in its clause; not a doubt ("no idea why my knee", "not sure if my leg")
    r"\b(?:no(?!\s+idea)|not(?!\s+sure)|without|never|nothing)\b[^,.;:!?]*$", re.IGNORECASE
)
_DENIED_REACH = 30  # characters back from the part: "no pain going down either of my legs"


# the verbs a medicine is taken with, a few words before "for his knees" ("takes ibuprofen for his knees", "is on
# tablets for her back")
_TAKING = frozenset("take takes taking took on uses using used".split())
_TAKEN_FOR_WINDOW = 4  # words between the verb and "for": "takes over the counter ibuprofen for his knees"


def _treated_part(words: list[str], index: int) -> bool:
    """True when ``words[index]`` is the body part a medicine is taken for: "for his knees" after a taking verb
    (session 47: "My father is on blood pressure pills and takes ibuprofen for his knees, now … his kidneys have
    suddenly got much worse" is about his kidneys)."""
    if index < 2 or words[index - 2] != "for" or words[index - 1] not in BODY_OWNERS:
        return False
    return any(word in _TAKING for word in words[max(index - 3 - _TAKEN_FOR_WINDOW, 0) : index - 2])


def broader_parts(question: str, label: str) -> tuple[str, ...]:
    """The broader body parts a source may write for a body part the question owns ("the soles of my feet" → foot,
    feet: a possessive up to five words before it or two after), else ()."""
    lowered = label.lower()
    words = re.findall(r"[a-z]+", question.lower())
    owned = any(
        word == lowered and _owned(words, index, before=PHRASE_OWNER_BEFORE, after=PHRASE_OWNER_AFTER)
        for index, word in enumerate(words)
    )
    return _lexicon().broader.get(lowered, ()) if owned else ()


def _owned(words: list[str], index: int, *, before: int, after: int) -> bool:
    """True when a possessive or side (``BODY_OWNERS``) comes up to ``before`` words before ``words[index]`` or up to
    ``after`` words after it."""
    start = max(index - before, 0)
    return any(
        near in BODY_OWNERS or _possessive(words, position)
        for position, near in enumerate(words[start : index + 1 + after], start)
        if near != words[index]
    )


# the words before an "'s" that shortens "is" or "has" ("he's", "what's"), not a possessive
_IS_SHORTENED = frozenset("it he she that what there here who where how when let".split())


def _possessive(words: list[str], position: int) -> bool:
    """True when ``words[position]`` is the "s" of someone's possessive ("Dad's shin", "my son's ear": the regex
    splits "dad's" into "dad", "s"), not of "he's" or "what's"."""
    return words[position] == "s" and position > 0 and words[position - 1] not in _IS_SHORTENED


def lay_medical_words(word: str, equivalents: Sequence[LayEquivalent]) -> list[str]:
    """The medical words of each lay phrase of the question that holds ``word`` ("bum" in "a camera down my throat
    and up my bum": bidirectional endoscopy …)."""
    return [form for item in equivalents if stem(word) in item.stems for form in item.medical]


def unnamed_body_parts(question: str, texts: list[str], equivalents: Sequence[LayEquivalent] = ()) -> list[str]:
    """The question's body parts that none of ``texts`` names, neither as written, nor as a broader part, nor by the
    medical words of a lay phrase holding them ("a camera down my throat and up my bum" by "bidirectional
    endoscopy")."""
    prepared = [TermText(text) for text in texts]
    parts = _lexicon().broader

    def named(part: str) -> bool:
        medical = lay_medical_words(part, equivalents)
        return any(text.mentions(word) for text in prepared for word in (part, *parts[part], *medical))

    return [part for part in body_parts(question) if not named(part)]


def unnamed_asking_words(
    question: str, texts: list[str], equivalents: Sequence[LayEquivalent] = ()
) -> list[str]:
    """The topic words of the clause that asks (frame words such as "help" or "normal" aside) that none of ``texts``
    names, as written or by the medical words of a lay phrase holding them (``equivalents``): what a question in
    everyday words asks about must be there ("would a TENS machine help?"). So must the cause the account gives
    (``cause_words``)."""
    describing, asking = split_asking(question)
    asked = _REPORTER.sub(" ", _TIME_PHRASES.sub(" ", without_exam_frame(asking)))
    words = _topic_words(asked) | cause_words(describing)
    return sorted(unnamed_words({word: word for word in words}, texts, equivalents))


# Who or what reports something inside what is asked, up to its reporting verb: "the chart at the pharmacy says
# that's overweight but the practice nurse said for me it counts as obesity - who's right?" (session 73) asks which
# is right, not about a chart, a pharmacy or a practice; "should someone check it at the pharmacy?" still asks
_REPORTER = re.compile(
    r"\b(?:the|a|an|my|his|her|our|their|your)\s+(?:[\w'-]+\s+){0,4}?(?:says|said|told|tells|reckons|thinks|"
    r"suggests|suggested|recommends|recommended)\b",
    re.IGNORECASE,
)


# When, said in everyday words, inside what a question asks: "should anyone check his kidneys again at some point?",
# "can we try again straight away?", "his bloods are back to normal now, but …" (session 72: the thirty-ninth set's
# accounts went unanswered on "point" and "back"). The answer says when; the overview need not write the phrase.
_TIME_PHRASES = re.compile(
    r"\b(?:at some point|at any point|straight away|right away|back to normal|in the long run|any time soon)\b",
    re.IGNORECASE,
)


# "since a snake bit it", "since starting my weight loss jab": what the account says brought the complaint on
# …up to the account's own verb: "since her hip operation my nan has gone quiet" gives the operation, not the quiet
_CAUSE = re.compile(
    r"\bsince\s+(?P<cause>(?:(?!\b(?:has|have|had|is|are|was|were|am)\b)[^,.;:?!])+)", re.IGNORECASE
)
# …unless it only dates it ("since yesterday", "since last week", "since Christmas")
_WHEN_WORDS = frozenset(
    stem(word)
    for word in """yesterday today morning mornings night nights evening evenings afternoon day days week weeks month
    months year years monday tuesday wednesday thursday friday saturday sunday weekend christmas easter summer winter
    spring autumn holiday holidays birthday then ago last first early late recently january february march april may
    june july august september october november december""".split()
)


MIN_STORY_WORDS = 90  # a story this long before what is asked; a shorter one is the question's topic too ("my dad is
# 74 and has been on tamsulosin for about a year for his prostate … now hes on the waiting list for his cataract"):
# at 40 words the earlier development sets lost 9 such questions, at 60 as many; at 90 three (session 64)


def is_long_story(question: str) -> bool:
    """True when the question tells ``MIN_STORY_WORDS`` or more before what it asks."""
    return len(split_asking(question)[0].split()) >= MIN_STORY_WORDS


def account_unnamed(question: str, texts: list[str], equivalents: Sequence[LayEquivalent] = ()) -> bool:
    """True when the account names what it is about (topic words of the describing part beside who it is about) and
    ``texts`` name none of them: an overview close in meaning only by its population does not answer it (session
    38: the ear-infection overview's children, "my child has worms, what treatment?")."""
    describing, _asking = split_asking(question)
    words = {word: word for word in _topic_words(describing) if not population_group(word)}
    return bool(words) and len(unnamed_words(words, texts, equivalents)) == len(words)


# the occasion a drug is asked about for: "should aspirin be stopped before a tooth extraction?"
_OCCASION = re.compile(r"\b(?:before|after|during|ahead of)\s+(?P<occasion>[^,.;:?!]+)", re.IGNORECASE)


# …a procedure, an operation or a journey, not a time ("before the ambulance comes", "after 3 days")
_OCCASIONS = frozenset(
    stem(word)
    for word in """surgery operation op procedure extraction dental dentist tooth teeth endoscopy colonoscopy biopsy
    scan mri anaesthetic anesthetic flight flying travel holiday jab vaccine vaccination injection delivery labour
    marathon dive diving""".split()
)


def unnamed_occasion_words(
    question: str, texts: list[str], equivalents: Sequence[LayEquivalent] = ()
) -> list[str]:
    """The topic words of the occasion the asking clause names ("before a tooth extraction", "after my vaccine")
    that none of ``texts`` names: a question about a drug is answered by the overview closest in meaning to the drug
    only when it speaks of that occasion too (session 38: the stroke overview's aspirin answered "Should aspirin be
    stopped before a tooth extraction?")."""
    _describing, asking = split_asking(question)
    words = {
        word for match in _OCCASION.finditer(asking)
        if (occasion := _topic_words(match.group("occasion"))) & _OCCASIONS  # "before the ambulance comes" is a time
        for word in occasion
    }
    return sorted(unnamed_words({word: word for word in words}, texts, equivalents))


def asks_of_an_occasion(question: str) -> bool:
    """True when the asking clause names a procedure, an operation or a journey (``_OCCASIONS``) it is asked
    before, after or during: "does he need to stop his eliquis before the tooth comes out?" asks of the
    extraction its story plans."""
    _describing, asking = split_asking(question)
    return any(_topic_words(match.group("occasion")) & _OCCASIONS for match in _OCCASION.finditer(asking))


def unnamed_occasions(question: str, texts: list[str], equivalents: Sequence[LayEquivalent] = ()) -> list[str]:
    """The procedures, operations and journeys (``_OCCASIONS``) the question names anywhere that none of ``texts``
    names: "i'm on warfarin and need a tooth out, do i stop it?" turns on the tooth, which the atrial fibrillation
    overview, naming warfarin often, never speaks of."""
    words = {word: word for word in _topic_words(question) & _OCCASIONS - drug_form_words(question)}  # not the
    # "jabs" of "semaglutide jabs": how a drug is given
    return sorted(unnamed_words(words, texts, equivalents)) if words else []


def cause_words(describing: str) -> set[str]:
    """The topic words of the cause an account gives after "since" ("my leg has been sore and swollen since a snake
    bit it": snake), dates aside: the twist sits there as often as in what is asked, and an overview close in
    meaning to the complaint that never names its cause does not answer it (a reviewer's "…sore since his prostate
    cancer spread to his bones" met the prostate overview). None when "since" only dates the account ("since then",
    "since 2019", "since last week")."""
    words: set[str] = set()
    for match in _CAUSE.finditer(describing):
        cause = match.group("cause").split()
        if not cause or stem(cause[0].lower()) in _WHEN_WORDS or cause[0][:1].isdigit():
            continue  # "since then my foot slaps down": the account goes on, no cause is given
        words |= {word for word in _topic_words(match.group("cause")) if word not in _WHEN_WORDS}
    return words


def _topic_words(text: str) -> set[str]:
    """The stemmed content words of ``text`` that say what it is about: no generic, everyday or frame word."""
    return {
        word for word in content_words(text) - GENERIC_WORDS - EVERYDAY_WORDS - ASKING_FRAME - _PRONOUNS - _TELLING
        if not word[:1].isdigit()  # a number or a quantity ("I weigh about 80kg") is the account's, not a topic
    }


# LAY_SYNONYMS by stem, so a word is found as written or stemmed; words sharing a stem ("jab", "jabs") share forms
_LAY_SYNONYM_STEMS = {stem(word): forms for word, forms in LAY_SYNONYMS.items()}


def unnamed_words(
    words: dict[str, str], texts: list[str], equivalents: Sequence[LayEquivalent] = ()
) -> list[str]:
    """The words (stem → as written) that none of ``texts`` names, as written, by the medical words of a lay phrase
    of the question holding them (``equivalents``: "the jab" is named by "vaccination", compose/lay.py) or, for a
    population word, by a word of its group; as written."""
    prepared = [TermText(text) for text in texts]

    def named(word: str) -> bool:
        medical = lay_medical_words(word, equivalents)
        medical += _LAY_SYNONYM_STEMS.get(stem(word), ())  # "would the jab help?" is named by "vaccination", "since
        # her operation" (written or stemmed: "oper") by "surgery"
        medical += class_names(word)  # "would omeprazole help?" by "proton pump inhibitor" (compose/variants.py)
        group = population_group(word)  # "could she be pregnant?" is named by "pregnancy"
        medical += spellings_of(word)  # "hyperkalemia" by "hyperkalaemia"
        return any(text.mentions(form) for text in prepared for form in (word, *medical, *group))

    return [written for written in words.values() if not named(written)]


def without_population(question: str, terms: list[SpecificTerm]) -> str:
    """The question without the words of its population terms ("I'm pregnant and my calf aches" → "I'm and my calf
    aches"), for reading what it describes apart from who has it; the question itself when it names no population."""
    forms = sorted({form for term in terms if term.kind == "population" for form in (term.label, *term.forms)}, key=len)
    plain = question
    for form in reversed(forms):  # the longest first: "older adults" before "adults"
        plain = re.sub(rf"\b{re.escape(form)}\b", " ", plain, flags=re.IGNORECASE)
    return question if plain == question else " ".join(plain.split())


# a negation; "can't", "cannot", "couldn't" and "won't" say what the complaint stops ("I can't bear the bedsheet on
# it", "it won't go away"), not that a finding is absent
_NEGATED = re.compile(
    r"\b(?:no|not|never|without|nothing|none|nil|denies)\b|(?<!\bca)(?<!\bcould)(?<!\bwo)n't\b", re.IGNORECASE
)


def describing_labels(question: str, terms: list[SpecificTerm]) -> set[str]:
    """Labels of the technical-word terms written only where the question describes ("I'm always thirsty, peeing
    loads, what should I do?": "thirsty"): what an overview's everyday descriptions may name for it
    (``described_labels``). None when the describing part names a drug (a finding beside a drug may be its side
    effect); never a population, nor a word of the asking clause."""
    describing, asking = split_asking(question)
    described, asked = set(stem_sequence(describing)), set(stem_sequence(asking))
    if any(term.kind == "drug" and set(stem_sequence(term.label)) & described for term in terms):
        return set()  # "since starting amlodipine my ankles swell": the finding may be the drug's; a drug only
        # asked about ("…he's sweaty. should I give him an aspirin?") is what is proposed for the complaint
    return {
        term.label
        for term in terms
        if term.kind in ("term", "word") and not term.required and not term.context
        and (stems := stem_sequence(term.label)) and all(part in described and part not in asked for part in stems)
    }


def proposes_drug(question: str, terms: list[SpecificTerm]) -> bool:
    """True when the clause that asks names a drug asked about ("…should I give him an aspirin?"), not only the
    account ("since starting amlodipine my ankles swell, is that normal?"). A sentence with no clause opening with
    an asking word asks as a whole: "if I use my epipen and I'm still struggling to breathe, when do I use the
    second one?" proposes the epipen."""
    asked = set(stem_sequence(split_asking(question)[1]))
    return any(
        term.kind == "drug" and not term.context and set(stem_sequence(term.label)) <= asked for term in terms
    )


def described_labels(question: str, terms: list[SpecificTerm], lines: tuple[str, ...]) -> set[str]:
    """The ``describing_labels`` that the overview's everyday descriptions name (``lines``,
    library/everyday_descriptions.yaml): "thirsty" is no word of the type 2 diabetes overview's clinical text, and
    its lines say it. A clause with a negation ("…, no cough though") names nothing."""
    describing = describing_labels(question, terms)
    if not describing or not lines:
        return set()
    affirmed = [  # what the complaint is, not is not
        TermText(clause) for line in lines for clause in _CLAUSE_BREAK.split(line) if not _NEGATED.search(clause)
    ]
    return {term.label for term in terms if term.label in describing and any(line.covers(term) for line in affirmed)}


def account_stems(question: str) -> str:
    """The question's describing part as its stems between spaces, for finding a sign written whole in it; a clause
    break stays a break ("eversion weak, inversion normal" holds no "weak inversion")."""
    describing = _WHOSE.sub(" ", split_asking(question)[0])
    for compound in COMPOUND_TERMS:  # "hot flushes" writes no "flushing"
        describing = compound.sub(lambda match: match.group(0).replace(" ", ""), describing)
    clauses = (
        # a clause that opens by denying ("no back pain") holds no sign of the case, only the denied one: its stems are
        # marked (``written_signs`` reads a sign written "no back pain" there alone)
        " ".join(f"{DENIED_MARK}{token}" for token in stem_sequence(clause)) if _NEGATED.match(clause.lstrip())
        else " ".join(stem_sequence(clause))
        for clause in _CLAUSE_BREAK.split(describing)
    )
    return f" {' | '.join(clauses)} "


DENIED_MARK = "no_"  # the mark of a denied clause's stems in an account (``account_stems``)


def written_signs(account: str, signs: tuple[str, ...]) -> list[str]:
    """The ``signs`` written whole, their words in order, in an ``account`` (``account_stems``); a sign that opens
    with "no" ("no back pain", the peroneal overview's) only in a clause denying it (session 58: "his right foot slaps
    down … no back pain at all … a nerve at the side of the knee getting squashed" was answered by the L5 overview)."""
    return [sign for sign in signs if (stems := _sign_stems(sign)) and f" {' '.join(stems)} " in account]


def _sign_stems(sign: str) -> list[str]:
    words = sign.split()
    if words[:1] == ["no"] and len(words) > 1:
        return [f"{DENIED_MARK}{token}" for token in stem_sequence(" ".join(words[1:]))]
    return list(stem_sequence(sign))


def labels_within_signs(describing: set[str], account: str, signs: tuple[str, ...]) -> set[str]:
    """The question's ``describing`` labels lying wholly inside one of an overview's signs (``signs``,
    library/clinical_presentations.yaml) written whole in its ``account`` (``account_stems``; both read once for
    every overview, answer._signs_named): "2 days of dysuria, no loin pain" holds "dysuria" and "loin pain". A
    sign's single word is not enough ("urine protein 2+" is no "cloudy urine"), nor its words in another order
    ("JVP not raised" is no "raised JVP")."""
    if not describing or not signs:
        return set()
    spanned = {stem for sign in written_signs(account, signs) for stem in stem_sequence(sign)}
    return {
        label for label in describing if (stems := stem_sequence(label)) and set(stems) <= spanned
    }


# What a question in everyday words proposes: "would a special pillow help?", "is it ok (for him) to carry on with his
# yoga classes?"; the proposal ends where its circumstances begin ("... for my knees", "... after a mini stroke")
_PROPOSAL = re.compile(
    r"\b(?:would|will|could|can|does|do|might)\s+(?P<helps>[^?.!,;]+?)\s+(?:help|helps|work|be any good|be worth)\b"
    r"|\bis there (?:a|an|any|some)\s+(?P<there>[^?.!,;]+?)\s+(?:that|which)\s+(?:would|could|might|will|can)\s+help\b"
    r"|\b(?:is it|it's|is that)\s+(?:ok|okay|safe|alright|fine)"
    r"(?:\s+for\s+(?:me|him|her|them|us|you|(?:my|our|his|her|their)\s+\w+))?\s+to\s+(?P<allowed>[^?.!,;]+)"
    r"|\b(?:is|would|will)\s+(?P<pointed>that|this|it)\s+(?:be\s+)?(?:ok|okay|safe|alright|fine|a good idea)"
    r"(?:\s+or\s+[^?.!]*)?\s*[?.!]*$"  # "is that ok or could it set him off again?" (session 66)
    # what an account told of, judged by what it is worth: "my GP suggested cranberry capsules …, are they worth it?",
    # "never had the hpv jab at school, is it worth getting it now" (session 45)
    r"|\b(?:is|are)\s+(?P<worth>it|they|these|those|that|this)\s+(?:really\s+|actually\s+|even\s+)?worth\s+"
    r"(?:it|(?:gett|tak|try|hav|buy|do|us)ing\s+(?:it|them|those|these))\b"
    # taking up an activity again: "when can I go back to the gym?", "when is he allowed to drive again?"
    r"|\b(?:when|how\s+soon(?:\s+after\s+[^?.!,;]+?)?)\s+(?:can|could|should|may|might|will|would)\s+"
    r"(?:i|he|she|we|they|you|(?:my|our|his|her|their)\s+\w+)\s+(?P<resumed>[^?.!,;]+)"
    # …as a vignette tells it: "He asks when he can return to driving his taxi." (session 59)
    r"|\bwhen\s+(?:i|he|she|we|they)\s+(?:can|could|may|might|should)\s+(?P<resumed_told>[^?.!,;]+)"
    r"|\bwhen\s+(?:is|are|am|will)\s+(?:he|she|i|they|we|you)\s+(?:be\s+)?(?:allowed|able|ok|okay|safe|fine)"
    r"\s+to\s+(?P<when_allowed>[^?.!,;]+)"
    # …and how long until then: "how long does he have to wait before hes allowed to drive his car?" (session 58)
    r"|\bbefore\s+(?:i|he|she|they|we|you)(?:'?s|'?m|'?re|\s+is|\s+am|\s+are|\s+can|\s+will\s+be)?\s+"
    r"(?:allowed|able|ok|okay|safe|fine)\s+to\s+(?P<before_allowed>[^?.!,;]+)"
    # carrying on or taking something up: "am I ok to fly next month?", "can he keep driving?", "should I be taking
    # calcium tablets?"
    r"|\b(?:am|is|are)\s+(?:i|he|she|they|we|you|(?:my|our|his|her|their)\s+\w+)\s+(?:still\s+)?"
    r"(?:ok|okay|safe|alright|fine|allowed|able)\s+to\s+(?P<am_allowed>[^?.!,;]+)"
    r"|\bcan\s+(?:i|he|she|they|we|you|(?:my|our|his|her|their)\s+\w+)\s+(?:still|keep|carry\s+on)\s+"
    r"(?P<still>[^?.!,;]+)"
    r"|\bshould\s+(?:i|he|she|they|we|you|(?:my|our|his|her|their)\s+\w+)\s+(?:also\s+|still\s+)?(?:be\s+)?"
    r"(?:taking|having|using|trying)\s+(?P<taking>[^?.!,;]+)"
    # taking up an activity, asked without a "when": "can i go back to the gym yet?", "can I drive?" (session 38)
    r"|\b(?:can|could|may)\s+(?:i|he|she|they|we|you|(?:my|our|his|her|their)\s+\w+)\s+"
    r"(?P<taken_up>(?:(?:go|get|come)\s+back|return|drive|fly|swim|travel|exercise|jog|cycle|lift)\b[^?.!,;]*)"
    # what something does to the asker: "does the covid vaccine affect periods?" (session 38)
    r"|\b(?:does|do|can|could|will|would|might)\s+[^?.!,;]+?\s+(?:affect|affects|cause|causes|trigger|triggers|worsen)"
    r"\s+(?P<effect>[^?.!,;]+)"
    # what is judged good or bad for something: "is coffee bad for atrial fibrillation?" (session 39)
    r"|\b(?:is|are)\s+(?!(?:it|that|this|they|there)\b)(?P<judged>[^?.!,;]+?)(?<!\bany)\s+(?:really\s+)?"
    r"(?:bad|good|harmful|dangerous|healthy|unhealthy)\s+(?:for|with)\b"
    # eating or drinking something: "can I drink alcohol while on metronidazole?", "can she eat cheese?"
    r"|\b(?:can|could|should|may)\s+(?:i|he|she|they|we|you|(?:my|our|his|her|their)\s+\w+)\s+(?:still\s+)?"
    r"(?:drink|eat)\s+(?P<consumed>[^?.!,;]+)"
    # giving something up: "does he need to give up beer?", "should I cut out dairy?"
    r"|\b(?:need|needs|have|has|ought|got)\s+to\s+(?:give\s+up|cut\s+out|cut\s+down\s+on|avoid)\s+"
    r"(?P<given_up>[^?.!,;]+)"
    # an activity stopped for a while: "how long does he have to stop driving for?" (session 63); a treatment stopped
    # is _unstopped's (answer.py)
    r"|\b(?:need|needs|have|has|ought|got)\s+to\s+(?:stop|give\s+up|quit)\s+"
    r"(?P<stopped>(?!(?:taking|using|having|getting|wearing|injecting)\b)[a-z]+ing\b[^?.!,;]*)"
    r"|\b(?:should|must|do|does)\s+(?:i|he|she|they|we|you|(?:my|our|his|her|their)\s+\w+"
    r"|(?:patients?|people|adults|women|men)(?:\s+with\s+[\w-]+(?:\s+[\w-]+)?)?)\s+"
    r"(?:give\s+up|cut\s+out|cut\s+down\s+on|avoid)\s+(?P<giving_up>[^?.!,;]+)",
    re.IGNORECASE,
)
# the verb of taking up again, before the activity ("go back to the gym"); alone ("will my periods come back?") it
# proposes nothing
_RESUMING = re.compile(r"^(?:(?:go|get|come)\s+back(?:\s+to)?|return\s+to|start|restart|resume|be\s+able\s+to)\b\s*",
                       re.IGNORECASE)
# "when should my hCG blood test be repeated?", "when will my baby be born?": something done to the patient, which the
# overview says in its own words, is no activity taken up
_PASSIVE = re.compile(r"\bbe\b", re.IGNORECASE)
# "can he still go in the pool?": going in or to a place is the place, which its circumstances' "in" would cut
_GOING = re.compile(r"^(?:go|going|get|getting)\s+(?:in|into|to|on)\s+(?=\w)", re.IGNORECASE)
# "switch me back to my normal insulin": "back" is a direction unless someone's back ("my back", "lower back")
_NOT_A_BACK = re.compile(r"(?<!\bmy)(?<!\bhis)(?<!\bher)(?<!\bour)(?<!\bthe)(?<!\byour)(?<!\btheir)(?<!\blower)"
                         r"(?<!\bupper)\s+back\b", re.IGNORECASE)
_CIRCUMSTANCES = re.compile(
    r"\s(?:for|in|during|after|at|when|while|since|because|if|from|before|as)\s.*$|\s+(?:yet|again|now|soon)\s*$",
    re.IGNORECASE,
)  # …and when: "can i go back to the gym yet?"
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


# a question that describes nothing first but speaks of the asker's own complaint, or a relative's ("would a special
# pillow help my neck pain?"), is a patient's: its proposal is in everyday words, not a clinician's synonym
_OWN_COMPLAINT = re.compile(r"\b(?:my|our)\s+(?!patients?\b|pts?\b)\w+", re.IGNORECASE)
_ASKER = re.compile(r"\b(?:can|could|should|may|might|will|would|am)\s+(?:i|we)\b", re.IGNORECASE)
_POINTING = frozenset({"that", "this", "it", "these", "those", "they", "any of that", "any of this", "all that"})


# who proposed something, and how: "the doctor says theyll rescan in a week instead of giving me blood thinners"
_TOLD = re.compile(
    r"\b(?:says|said|told (?:me|him|her|us|them)|wants? to|suggested|reckons)\b", re.IGNORECASE
)


def _after_telling(clause: str) -> str:
    """What the clause says was proposed, after the last telling verb ("scan found a small clot and the doctor says
    theyll rescan in a week…" proposes the rescan, not the clot the scan found); the clause when none tells."""
    told = _TOLD.split(clause)[-1]
    return told if told.strip() else clause


def _last_clause(text: str) -> str:
    """The last clause of ``text`` (after its last comma, semicolon or sentence break)."""
    return re.split(r"[,;:.!?]\s", text.rstrip(" ,;:.!?"))[-1]


def pointed_clause(question: str) -> str | None:
    """What a question that asks only by pointing ("…instead of giving me blood thinners. is that safe?") points at:
    the clause just before, after whoever proposed it, with its circumstances ("in a week instead of giving me blood
    thinners"); None when its asking part says more than that."""
    _describing, asking = split_asking(question)
    match = next((m for m in _PROPOSAL.finditer(question) if m.groupdict().get("pointed")), None)
    if match is None or set(_topic_words(asking)) - set(_topic_words(match.group(0))):
        return None
    return _after_telling(_last_clause(question[: match.start()])).strip() or None


def _drug_name_words(text: str) -> set[str]:
    """The stems of the words of a drug's name of two words or more: the specific-term gate reads that drug by all
    its names, a word at a time would not ("hyaluronic acid injections" are the overview's "hyaluronan injections",
    session 55). A one-word drug stays a proposal's word, named by its class there ("would omeprazole help…")."""
    surfaces = [_WORD.findall(surface) for surface in drugs_in(text).values()]
    return {stem(word.lower()) for words in surfaces if len(words) >= 2 for word in words}


def proposed_words(question: str, *, plans: bool = True) -> dict[str, str]:
    """The words (stem → as written) of what a question in everyday words proposes (``_PROPOSAL``, after a
    description: "I've got a trapped nerve in my neck, would a special pillow help?"; frame words such as "keep"
    aside); for a question that describes nothing first, a clinician's, whose terms the words' gate reads, only what
    it proposes giving up ("Does he need to give up beer for his gout?"), eating or drinking ("can I drink alcohol
    while on metronidazole?", session 38) or asks is safe or allowed ("Is it safe to fly after a pulmonary
    embolism?", session 37: the PE overview, never naming flying, answered it): its other
    proposals' words are often a synonym away from the overview's ("IV fluids", "intravenous"), unless it speaks of
    the asker's own complaint or a relative's (``_OWN_COMPLAINT``: "would a special pillow help my neck pain?").
    A proposal that only points ("does that work?", "is that ok?") is the clause just before it: "I'm going skiing
    next week and I'm on rivaroxaban for a DVT. Is that ok?" proposes skiing, which the DVT overview never names.
    Without ``plans`` the account's plans (``_planned_words``) are none of its proposals."""
    describing, _asking = split_asking(question)
    clinicians = not describing.strip() and not _OWN_COMPLAINT.search(question)
    words: dict[str, str] = {}
    for match in _PROPOSAL.finditer(question):
        if clinicians and not (
            match.group("given_up") or match.group("giving_up") or match.group("allowed") or match.group("consumed")
            or match.group("stopped")
            or match.group("effect") or match.group("judged") or _ASKER.search(match.group(0))
        ):
            continue  # giving something up is proposed in any wording: "Does he need to give up beer for his gout?";
            # and what the asker would do themselves is a patient's own proposal: "how soon after a TIA can I drive?"
        resumed = match.group("resumed") or match.group("resumed_told")
        if resumed and _PASSIVE.search(resumed):
            continue
        proposed = _RESUMING.sub("", _CIRCUMSTANCES.sub("", _GOING.sub("", next(g for g in match.groups() if g))))
        if resumed or match.group("when_allowed") or match.group("before_allowed") or match.group(
            "taken_up"
        ):
            proposed = _NOT_A_BACK.sub(" ", proposed)
        if proposed.strip().lower() in _POINTING:  # "…told me to eat more salt, does that work?": what was proposed
            before = _after_telling(_last_clause(question[: match.start()]))  # comes just before, after whoever
            # proposed it ("…to stop them coming back": no back of anyone's)
            proposed = _NOT_A_BACK.sub(" ", _CIRCUMSTANCES.sub("", before))
        kept = _topic_words(proposed) - _drug_name_words(proposed)
        written_words = _WORD.findall(proposed)
        for index, written in enumerate(written_words):
            if stem(written.lower()) in kept and not is_teller(written_words, index):  # "my midwife says…"
                words.setdefault(stem(written.lower()), written)
    if plans and not clinicians:
        for written in _planned_words(describing):
            words.setdefault(stem(written.lower()), written)
    return words


# what an account says is coming: "now flying long haul next week", "going skiing tomorrow"
_UPCOMING = re.compile(
    r"\b(?:next (?:week|month|weekend|year)|tomorrow|in (?:a|an|\d+|two|three|four|five|six|seven|eight|nine|ten"
    r"|a few|a couple of) (?:days?|weeks?|months?))\b",
    re.IGNORECASE,
)  # any count of days, weeks or months to come (session 71: "we're flying to Australia … in six weeks")
# …or a day of the week: "this saturday", "next monday"; "on saturday" only in a clause that speaks in the present
# ("he has swimming lessons on saturday", session 42): "hurt my back lifting boxes on monday" is the case, no plan
_DAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|weekend)"
_COMING_DAY = re.compile(rf"\b(?:this|next) {_DAY}\b", re.IGNORECASE)
_ON_DAY = re.compile(rf"\bon {_DAY}\b|\bat the weekend\b", re.IGNORECASE)
_PRESENT = re.compile(r"\b(?:has|have|is|are|am|will|going|gonna)\b|'s\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|had|did|went|came|got|hurt|[a-z]+ed)\b", re.IGNORECASE)
# …what is being done before it, or planned: "flying long haul", "planned knee replacement"
_DOING = re.compile(
    r"\b(?!(?:morning|evening|nothing|something|anything|everything|thing|spring|feeling)\b)[a-z]+ing\b"
    r"|\b(?:planned|booked|scheduled|due)\b",
    re.IGNORECASE,
)
_PLANNING = frozenset(stem(word) for word in ("planned", "booked", "scheduled", "due"))


def _planned_words(describing: str) -> list[str]:
    """The topic words (as written) of each clause of an account that says what is coming ("had a clot in my leg
    last year, now flying long haul next week. do i need an injection?": flying, haul): a plan is what the
    question turns on, as a proposal is (session 38: the DVT overview, never naming a flight, answered it)."""
    found: list[str] = []
    clauses = [clause for sentence in re.split(r"[.!?]\s", describing) for clause in _CLAUSE.findall(sentence)]
    for clause in clauses:
        upcoming = _UPCOMING.search(clause) or _COMING_DAY.search(clause) or (
            _ON_DAY.search(clause) if _PRESENT.search(clause) and not _PAST.search(clause) else None
        )
        doing = next(reversed(list(_DOING.finditer(clause[: upcoming.start()]))), None) if upcoming else None
        if doing:  # from what is being done to when: "flying long haul", "having my hip replaced"
            plan = clause[doing.start() : upcoming.start()]
            kept = _topic_words(plan) - _WHEN_WORDS - _PLANNING
            found += [word for word in _WORD.findall(plan) if stem(word.lower()) in kept]
    return found

