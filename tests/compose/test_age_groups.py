"""The age group of a question and of an overview's title (compose/age_groups.py)."""

from medora.compose.age_groups import (
    clash_reason,
    group_of_question,
    group_of_title,
    other_group,
    speaks_of_the_young,
    young_patient,
)

OTITIS = "Acute otitis media in children"


def test_a_title_restricted_to_one_group_names_it():
    assert [group_of_title(t) for t in (OTITIS, "Asthma in adults", "Falls in older adults", "Ectopic pregnancy")] == [
        "children", "adults", "adults", None,
    ]


def test_a_question_states_its_group_by_a_word_or_an_age():
    questions = [
        "I'm 35 and have a painful middle ear infection, do I need amoxicillin?",
        "A 6-year-old with ear pain: amoxicillin?",
        "Ear pain in a 9 month old baby",
        "Do adults with ear pain need amoxicillin?",
        "A 15-year-old with ear pain",  # an adolescent: clashes only with an adults' overview
        "Amoxicillin for ear pain in adults and children",  # both: no clash with either
        "my son is 7 and the gp thinks hes got asthma. which inhaler should he be started on?",  # a parent's way
        "My teenage daughter fainted at the sight of blood",
    ]
    assert [group_of_question(q) for q in questions] == [
        "adults", "children", "children", "adults", "adolescents", None, "children", "adolescents",
    ]


def test_a_relatives_age_is_read_only_where_it_is_one():
    assert group_of_question("she's 7 weeks pregnant and has a UTI, which antibiotic?") is None
    assert group_of_question("my daughter is 4, she has had a fever since last night") == "children"
    assert group_of_question("he is 70 and on warfarin") == "adults"
    # as parents also write it (session 26)
    assert group_of_question("our son who is 10 has tested positive for it too") == "children"
    assert group_of_question("my son (10) has a cough") == "children"
    assert group_of_question("she is 3 months and feeding poorly") is None


def test_an_adolescent_question_clashes_only_with_an_overview_for_adults():
    question = "my 14 year old daughter has been cutting herself and says she wants to die. what should happen now?"
    assert other_group(question, "Suicide risk assessment and safety planning in adults")
    assert not other_group(question, OTITIS)  # a children's overview may cover a younger teenager
    assert not other_group(question, "Syncope")
    assert clash_reason(question, "Suicide risk assessment and safety planning in adults") == (
        "Suicide risk assessment and safety planning in adults is written for adults; the question is about an "
        "adolescent."
    )


def test_an_overview_for_children_is_another_group_than_an_adult_question():
    assert other_group("I'm 35 with a middle ear infection, do adults need amoxicillin?", OTITIS)
    assert not other_group("A 3-year-old with a bulging eardrum, amoxicillin?", OTITIS)
    assert not other_group("Does amoxicillin help a middle ear infection?", OTITIS)


def test_a_duration_or_a_pregnancy_week_is_no_age():
    questions = [
        "I have been on omeprazole for reflux for 5 years, is it safe?",
        "I have taken it for 3 years",
        "Chronic insomnia for 2 years: which treatment?",
        "Has smoked 10 years, should he have a scan?",
        "Type 2 diabetes for 10 years, should I start a statin?",
        "After 5 years of metformin, is my B12 low?",
        "He stopped 5 years ago",
        "What is her 10-year risk?",
        "I'm 6 weeks pregnant, can I take paracetamol?",
        "I'm 8 weeks pregnant, can I take paracetamol?",
    ]
    assert [group_of_question(q) for q in questions] == [None] * len(questions)


def test_a_child_word_that_names_no_child_is_no_group():
    questions = [
        "Is baby aspirin recommended to prevent heart attacks?",
        "My kids are at school all day: can I take codeine?",
        "Which contraception in women of child-bearing age?",
        "I'm pregnant, will my high blood pressure go away after the baby?",  # her pregnancy's baby
        "My wife feels down since the baby, is it postnatal depression?",  # the birth
    ]
    assert [group_of_question(q) for q in questions] == [None, None, None, None, None]
    assert not young_patient("I'm pregnant and my hands tingle, will it stop once the baby is here?")
    assert young_patient("My baby has a fever, should I worry?")


def test_an_age_is_read_from_its_usual_forms():
    questions = ["He is 40 years old", "A 30 year old with ear pain", "Aged 70, ear pain", "I am 8 and my ear hurts"]
    assert [group_of_question(q) for q in questions] == ["adults", "adults", "adults", "children"]


def test_the_clash_is_said_in_plain_words():
    assert clash_reason("I'm 35 with a middle ear infection", OTITIS) == (
        "Acute otitis media in children is written for children; the question is about an adult."
    )
    assert clash_reason("A 3-year-old with a middle ear infection", OTITIS) == ""


def test_a_title_naming_adults_with_a_qualifier_is_for_adults():
    titles = ["Falls in older adults — assessment and prevention", "Routine adult vaccinations (US ACIP schedule)"]
    assert [group_of_title(title) for title in titles] == ["adults", "adults"]
    assert other_group("My 4-year-old fell off the sofa, should she see a doctor?", titles[0])
    assert not other_group("I'm 80 and fell twice this year, what should I do?", titles[0])


def test_a_height_weight_or_share_after_i_m_is_no_age():
    for question in ("I'm 5 ft 4 and obese: is semaglutide used for obesity?", "I'm 11 stone, how do I lose weight?",
                     "I'm 100% sure it is gout, what now?"):
        assert group_of_question(question) is None
    assert group_of_question("I'm 45 and obese: is semaglutide used for obesity?") == "adults"


def test_a_mother_speaking_of_her_baby_is_no_child():
    assert group_of_question("I had a baby 6 weeks ago and have asthma, which inhaler is safe?") is None
    assert group_of_question("My 6 month old baby has a fever") == "children"


def test_a_parents_little_one_is_a_young_patient_but_states_no_group():
    assert young_patient("My little girl is always tired and pale, could she be anaemic?")
    assert group_of_question("My little girl is always tired and pale, could she be anaemic?") is None
    assert not young_patient("I'm a little one-sided in my thinking lately")
    assert not young_patient("I was a little boy when I had asthma and now the wheeze is back at 40")


def test_an_overview_speaks_of_the_young_by_any_young_group_word() -> None:
    assert speaks_of_the_young(["Offer nicotine replacement to young people aged 12 and over."])
    assert speaks_of_the_young(["Adolescents need their own assessment."])
    assert not speaks_of_the_young(["Screen adults in primary care for unhealthy alcohol use."])


def test_a_group_the_patient_is_compared_with_is_not_the_patients():
    # session 54: "does he need camera tests like adults get" made a 20-month-old's question state both groups
    assert group_of_question(
        "my 20 month old drinks about 4 bottles of cows milk a day, does he need camera tests like adults get"
    ) == "children"
    assert group_of_question("my 7 year old, is it the same dose as for an adult?") == "children"
    assert group_of_question("a 45 year old man, do adults need it") == "adults"
    assert group_of_question("As an adult, do I need the chickenpox jab?") == "adults"  # who the patient is
