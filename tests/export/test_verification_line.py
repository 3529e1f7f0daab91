"""The article's line on how its sentences were checked reads as English for any count."""


def test_the_verification_line_agrees_in_number():
    from medora.export.render import verification_line
    from medora.types import Article, ArticleSection, Statement

    def article(*quotes: bool) -> Article:
        statements = [Statement(text="x", citations=["1"], passage_id=1, quote=q) for q in quotes]
        return Article.model_construct(sections=[ArticleSection(heading="h", statements=statements)])  # only sections are read

    assert verification_line(article(True)) == "1 of 1 sentence is a verbatim quote of the passage it cites."
    assert verification_line(article(False, True, True)) == (
        "2 of 3 sentences are verbatim quotes of the passage they cite; 1 is a rewrite checked against its passage"
        " for numbers, direction, negation and names."
    )
