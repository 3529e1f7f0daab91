import pytest

from medora.compose.analyse import analyse_question, classify_question


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is the best approach to managing L5 radiculopathy with foot drop?", "management"),
        ("How is pulmonary embolism diagnosed?", "diagnosis"),
        ("What is the dose of amoxicillin for acute otitis media?", "drug_dose"),
        ("Does aspirin reduce mortality after myocardial infarction?", "yes_no"),
        ("Apixaban versus warfarin for atrial fibrillation?", "comparison"),
        ("What is the prognosis of Bell palsy?", "prognosis"),
        ("What causes gout?", "aetiology"),
        ("Tell me about migraine", "overview"),
    ],
)
def test_question_types(question: str, expected: str):
    assert classify_question(question) == expected


def test_emergency_terms_raise_a_red_flag():
    analysis = analyse_question("Back pain with saddle anaesthesia and new urinary retention: what next?")
    assert [flag.name for flag in analysis.red_flags] == ["cauda equina syndrome"]


def test_routine_questions_raise_no_red_flag():
    assert analyse_question("How should hypothyroidism be treated?").red_flags == []
