"""Glossary entries mean what the text means: a bare "angiography" is any blood-vessel imaging, not the heart's."""

from medora.readers.glossary import find_terms


def _lay(text: str) -> dict[str, str | None]:
    return {found.entry.term: found.lay for found in find_terms(text)}


def test_angiography_alone_is_a_scan_of_the_blood_vessels_and_coronary_angiography_the_heart_arteries():
    assert _lay("CT angiography should follow in thrombectomy candidates.")["angiography"] == "a scan of the blood vessels"
    assert _lay("Coronary angiography within 24 hours.") == {"coronary angiography": "an X-ray of the heart arteries"}
