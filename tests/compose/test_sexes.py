from medora.compose.sexes import FEMALE, MALE, other_sex, sex_of_title, stated_sex

PROSTATE = "Benign prostatic hyperplasia and male lower urinary tract symptoms"


def test_a_case_states_its_sex_only_as_a_clinician_writes_it():
    assert stated_sex("86F care home resident, more confused, urine dip nitrite+. Treat as UTI?") == FEMALE
    assert stated_sex("74 M, LUTS, PSA 3.1. Start tamsulosin?") == MALE
    assert stated_sex("A 34-year-old man with a swollen calf") == MALE
    assert stated_sex("45 yo woman with heartburn") == FEMALE
    # relatives and pronouns say nothing of whose complaint it is; two patients state no one sex
    assert stated_sex("my husband's mum is 80 and she keeps getting water infections") is None
    assert stated_sex("A 30-year-old woman and her 32-year-old male partner, which tests?") is None


def test_an_overview_is_for_one_sex_only_when_its_title_says_so():
    assert sex_of_title(PROSTATE) == MALE
    assert sex_of_title("Testicular torsion and acute scrotum") == MALE
    assert sex_of_title("Hypertension in pregnancy, gestational hypertension and pre-eclampsia") == FEMALE
    assert sex_of_title("Contraception") is None
    assert sex_of_title("Urinary tract infection in adults") is None


def test_a_womans_case_is_never_the_prostate_overviews():
    assert other_sex("86F, urine dip nitrite+ leuc+, no dysuria. Treat as UTI?", PROSTATE)
    assert not other_sex("74M, nocturia x3, weak stream. Tamsulosin?", PROSTATE)
    assert not other_sex("my dad gets up 4 times a night to wee", PROSTATE)
