"""The age group of a question and of an overview's title (compose/age_groups.py)."""

from medora.compose.age_groups import group_of_question, group_of_title, other_group

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
        "A 15-year-old with ear pain",  # an adolescent: either group's overview may cover
        "Amoxicillin for ear pain in adults and children",  # both: no clash with either
    ]
    assert [group_of_question(q) for q in questions] == ["adults", "children", "children", "adults", None, None]


def test_an_overview_for_children_is_another_group_than_an_adult_question():
    assert other_group("I'm 35 with a middle ear infection, do adults need amoxicillin?", OTITIS)
    assert not other_group("A 3-year-old with a bulging eardrum, amoxicillin?", OTITIS)
    assert not other_group("Does amoxicillin help a middle ear infection?", OTITIS)
