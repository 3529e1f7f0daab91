"""Follow-up questions: a question asked in a thread made standalone from the thread's topic, and the follow-ups an
article suggests. Pure functions over strings and articles; the store and retrieval are the caller's.

"what about in a patient with diabetes?" after "How should hypertension be managed?" is retrieved as "How should
hypertension be managed in a patient with diabetes?"; "and if surgery is not possible?" adds its condition to the
question before it; "how long does it last?" names the thread's topic in place of 'it'; "Is it safe in pregnancy?"
after a question on metformin asks "Is metformin safe in pregnancy?". A question that names a topic of its own is
taken as asked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medora.compose.analyse import opens_closed
from medora.compose.entities import drugs_in
from medora.retrieve.tokenize import content_words
from medora.types import Article, ArticleSection

_GENERIC = content_words(
    "what which how when why who whom about patient patients people person adult adults someone treat treated treatment "
    "treatments manage managed management dose doses dosage test tests testing need needed needs best option options "
    "else case cases next step steps also more other take taken use used work works help helps safe safer risk risks "
    "long last lasts often much many first line refer referred referral specialist should can could would will does "
    "do did is are was were be been instead alternative alternatives"
)
# What a follow-up may ask about the thread's subject without naming it: "How long does recovery take?",
# "Is surgery needed?", "What are the side effects?". A question made only of these and _GENERIC words is about the
# thread, not a topic of its own.
_ASPECT = content_words(
    "recovery recover prognosis outlook outcome outcomes complication complications side effect effects adverse "
    "symptom symptoms sign signs cause causes prevention prevent cure cured recur recurrence relapse surgery "
    "operation physiotherapy physical therapy exercise exercises diet lifestyle pregnancy pregnant breastfeeding "
    "monitoring monitor follow-up imaging scan driving sport sports pain interaction interactions stop stopping "
    "duration time weeks months years return normal"
)
# Things a follow-up's 'it' can stand for when the thread names one medicine: ask about the medicine itself.
_DRUG_PREDICATE = content_words("safe safer effective work works help helps side effect effects interaction "
                                "interactions cause causes stop stopping dose doses dosage pregnancy breastfeeding")
_OF_A_MEDICINE = content_words("dose doses dosage side effect effects interaction interactions")
_THING = re.compile(r"\b(?:this (?:drug|medicine|medication|treatment)|the (?:drug|medicine|medication)|it)\b", re.I)
_POPULATION = re.compile(
    r"^(?:an? |the )?(?:patients?|people|person|adults?|children|child|infants?|babies|baby|women|woman|men|man|"
    r"older|elderly|pregnan\w*|breastfeeding|teenagers?|adolescents?|someone|those)\b",
    re.I,
)
_THERE_IS = re.compile(
    r"^(?:is|are) there (?:an? |any )?(?:association|link|relationship|connection|correlation|evidence|role|benefit)s?"
    r" (?:between|of|for|that|in) ",
    re.I,
)
_CONDITION_AFTER = re.compile(r"\b(?:in|for|among)\s+(?:(?:a|an|the)\s+)?", re.I)
_WHAT_ABOUT = re.compile(r"^(?:and |but |so )?(?:what|how) about\s+(?:(?P<prep>in|for|with|during|after|without|on)\s+)?(?P<rest>.+)$", re.I)
_WHAT_IF = re.compile(r"^(?:and |but |so )?(?:what |and )?if\s+(?P<rest>.+)$", re.I)
_PREPOSITION = re.compile(r"^(?:and |but )?(?P<prep>in|for|with|during|after|without)\s+(?P<rest>.+)$", re.I)
_AND = re.compile(r"^(?:and|but|so|also|ok|okay)[,]?\s+", re.I)
_PRONOUN = re.compile(r"\b(?:this condition|that condition|the condition|this disease|the disease|it|its|this|that|they|them)\b", re.I)
_QUESTION_FRAME = re.compile(
    r"^(?:what (?:is|are) (?:the )?(?:best |initial |first-line |recommended )?(?:approach to |management of |treatment "
    r"(?:of|for) |evaluation of |investigation of |diagnosis of |dose of |causes? of |prognosis (?:of|for) )?(?:managing |"
    r"treating )?|how (?:should|is|are|do|does|can|to|would) (?:i |we |you |one )?(?:manage |treat |diagnose |"
    r"investigate |assess |evaluate |prevent )?|(?:when|why|who) (?:should|is|are|do|does|can) (?:i |we |you )?|"
    r"(?:is|are|does|do|can|should) )",
    re.I,
)
_TRAILING_VERB = re.compile(
    r"\s+(?:be |is |are )?(?:managed|treated|diagnosed|investigated|assessed|evaluated|prevented|confirmed|defined|"
    r"staged|referred|recognised|recognized|screened|started|used|given|done|offered|followed up)(?:\s.*)?$",
    re.I,
)


@dataclass(frozen=True)
class ThreadContext:
    """What a follow-up may lean on: the thread's topic, its first question and the question just before."""

    topic: str
    first_question: str
    last_question: str


def topic_of(article: Article) -> str:
    """The thing an article is about, as words to put in a question: the asked question without its frame
    ('How should L5 radiculopathy be managed?' → 'L5 radiculopathy'), or for a library article its title before the
    dash ('Acute coronary syndrome — recognition…' → 'acute coronary syndrome')."""
    if article.question.strip().endswith("?"):
        return question_topic(article.question)
    head = re.split(r"\s+[—–-]\s+|:\s+", article.title)[0]
    return _lower_first(head.strip())


def as_question(text: str, topic: str) -> str:
    """A thread's first entry as a question to build on: a library article's title becomes 'How is … managed?'."""
    return text if text.strip().endswith("?") else f"How is {topic} managed?"


def question_topic(question: str) -> str:
    """'How should L5 radiculopathy with foot drop be managed?' → 'L5 radiculopathy with foot drop'. A yes/no
    question's topic is the condition it asks about ('Does tirzepatide improve outcomes in heart failure?' → 'heart
    failure'), else the one medicine it names ('Is metformin safe in pregnancy?' → 'metformin')."""
    if opens_closed(question):
        asked = question.strip().rstrip("?").strip()
        drugs = list(dict.fromkeys(drugs_in(asked).values()))
        asked = _THERE_IS.sub("", asked)
        return _condition_in(asked) or (drugs[0] if len(drugs) == 1 else "") or _framed_topic(asked)
    return _framed_topic(question)


def _condition_in(text: str) -> str:
    """The words after the first 'in'/'for'/'among' that does not introduce a population ('in pregnancy')."""
    for match in _CONDITION_AFTER.finditer(text):
        rest = text[match.end() :].strip(" ,")
        if rest and not _POPULATION.match(rest):
            return _lower_first(rest)
    return ""


def _framed_topic(question: str) -> str:
    text = question.strip().rstrip("?").strip()
    text = _QUESTION_FRAME.sub("", text, count=1)
    text = _TRAILING_VERB.sub("", text)
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    return _lower_first(text.strip(" ,")) or question.strip().rstrip("?")


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or a name with inner capitals ('L5', 'COPD')."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (first[1:].lower() != first[1:] or any(ch.isdigit() for ch in first)):
        return text
    return text[:1].lower() + text[1:]


def standalone_question(follow_up: str, context: ThreadContext | None) -> str:
    """The follow-up as a question that can be answered on its own."""
    text = " ".join(follow_up.split()).strip()
    if context is None or not text:
        return text
    bare = text.rstrip("?").strip()
    if match := _WHAT_ABOUT.match(bare):
        rest = match["rest"]
        if match["prep"] or _POPULATION.match(rest):
            return f"{_core(context.first_question)} {match['prep'] or 'in'} {rest}?"
        return f"What about {rest} in {context.topic}?"
    if match := _WHAT_IF.match(bare):
        return f"{_core(context.last_question)} if {match['rest']}?"
    if match := _PREPOSITION.match(bare):
        return f"{_core(context.first_question)} {match['prep'].lower()} {match['rest']}?"
    bare = _AND.sub("", bare)
    if _PRONOUN.search(bare) and not content_words(bare) - _GENERIC - content_words("it its this that they them"):
        return _upper_first(_PRONOUN.sub(context.topic, bare, count=1)) + "?"
    if not drugs_in(bare) and (_THING.search(bare) or not content_words(bare) - _GENERIC - _ASPECT):
        return _about_the_thread(bare, context)
    return text if text.endswith("?") else text + "?"


def _about_the_thread(bare: str, context: ThreadContext) -> str:
    """A follow-up that names no topic of its own ('Is it safe in pregnancy?', 'How long does recovery take?'): 'it'
    becomes the thread's one medicine when the follow-up asks about a medicine's safety, effect or dose, else the
    treatment of the topic; a follow-up without 'it' gets the topic added."""
    drugs = list(dict.fromkeys(drugs_in(context.last_question).values() or drugs_in(context.first_question).values()))
    asks_of_a_medicine = bool(content_words(bare) & _DRUG_PREDICATE)
    if _THING.search(bare):
        if len(drugs) == 1 and asks_of_a_medicine:
            subject = drugs[0]
        elif asks_of_a_medicine:
            subject = f"the treatment of {context.topic}"
        else:
            subject = context.topic
        return _upper_first(_THING.sub(subject, bare, count=1)) + "?"
    if len(drugs) == 1 and asks_of_a_medicine:
        return f"{_upper_first(bare)} {'of' if content_words(bare) & _OF_A_MEDICINE else 'with'} {drugs[0]}?"
    return f"{_upper_first(bare)} for {context.topic}?"


def _core(question: str) -> str:
    return question.strip().rstrip("?.").strip()


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def follow_up_candidates(article: Article, topic: str) -> list[str]:
    """Follow-up questions worth offering, most useful first: what the article's sections did not cover (referral,
    special populations, diagnosis or treatment), then the dose of the first medicine it names. The caller keeps only
    those its library can answer."""
    if topic and set(drugs_in(topic).values()) == {topic}:  # the article is about one medicine, not a condition
        candidates = [f"What is the dose of {topic}?", f"What are the side effects of {topic}?",
                      f"Is {topic} safe in pregnancy?"]
        return [c for c in candidates if c.lower() != article.question.strip().lower()]
    headings = {section.heading for section in _all_sections(article.sections)}
    candidates = []
    treats = {"Treatment algorithm", "Management", "Dosing", "How the options compare"}
    if article.question_type in ("diagnosis", "aetiology", "prognosis", "overview", "yes_no") and not headings & treats:
        candidates.append(f"How is {topic} treated?")
    if article.question_type in ("management", "drug_dose", "comparison", "prognosis", "overview", "yes_no"):
        if not headings & {"Diagnostic approach", "Clinical assessment", "Investigations", "Assessment"}:
            candidates.append(f"How is {topic} diagnosed?")
    if "When to refer" not in headings:
        candidates.append(f"When should {topic} be referred to a specialist?")
    if not headings & {"Special considerations", "Special populations"}:
        candidates += [f"How is {topic} managed in pregnancy?", f"How is {topic} managed in older adults?"]
    if article.question_type != "drug_dose":
        named = [name for section in _all_sections(article.sections) for s in section.statements
                 for name in drugs_in(s.text).values()]
        if named:
            most_named = max(dict.fromkeys(named), key=named.count)
            candidates.append(f"What is the dose of {most_named} for {topic}?")
    question = article.question.strip().lower()
    return [c for c in dict.fromkeys(candidates) if c.lower() != question]


def _all_sections(sections: list[ArticleSection]) -> list[ArticleSection]:
    found = []
    for section in sections:
        found.append(section)
        found += _all_sections(section.subsections)
    return found
