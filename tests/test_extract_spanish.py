"""The extractor and the ledger check on made-up Spanish sentences (accents and non-breaking spaces
included): scale words, "17 mil 258", number words, fractions, percent, ordinal ranks, compound
measures, cues, dates and periods, names with digits, the separators of a document; and the English
forms issue 22 names ("tenfold", "longer than", "one approach", "two years ago", "FY24", "annually")."""

from __future__ import annotations

import pytest

from scripts.extraction_quality import ledger_agreement, uncurated_agreement
from secstats.clean import families
from secstats.core import schemas, vocabulary
from secstats.core.written_numbers import COMMA_THOUSANDS, POINT_THOUSANDS, is_written_in, language_of, separators_of
from secstats.extract.family_guess import RULE_CONFIDENCE
from secstats.extract.quantities import UNIT_AFTER, Candidate, candidate_rows, extract
from secstats.ledger.claims import read_ledger
from tests.conftest import REPO

# Spanish context that tells the language apart: every sentence below is read as Spanish.
ES = " según el informe de la Secretaría para los estados del país."


def only_es(text: str, published: int | None = 2025) -> Candidate:
    """The single quantity of a Spanish ``text``."""
    found = extract(text, published, language="es")
    assert len(found) == 1, [(c.quote, c.value) for c in found]
    return found[0]


def kinds_es(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in extract(text, 2025, include_all=True, language="es")]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Se aseguraron 17 mil 258 armas.", 17_258, "count"),
        ("Se aseguraron 5 mil armas.", 5_000, "count"),
        ("Se aseguraron mil 168 kilos de droga.", 1_168, "kilograms"),
        ("El plan costó 2 millones de dólares.", 2_000_000, "usd"),
        ("El plan costó un millón de dólares.", 1_000_000, "usd"),
        ("El plan costó 4.5 millones de pesos.", 4_500_000, "mxn"),
        ("El plan costó mil millones de dólares.", 1_000_000_000, "usd"),
        ("El plan costó 3 mil millones de dólares.", 3_000_000_000, "usd"),
        ("El daño supera los 27 mil 118 millones de pesos.", 27_118_000_000, "mxn"),
        ("La deuda llegó a un billón de pesos.", 1_000_000_000_000, "mxn"),  # a Spanish billón is 10^12
        ("La deuda llegó a 2 billones de pesos.", 2_000_000_000_000, "mxn"),
    ],
)
def test_spanish_scale_words(text: str, value: float, unit: str) -> None:
    candidate = only_es(text)
    assert (candidate.value, candidate.unit) == (value, unit)
    assert text[candidate.quote_start :].startswith(candidate.quote)


@pytest.mark.parametrize(
    "text, value",
    [
        ("Hubo siete entidades con alzas.", 7),
        ("Llegaron veintitrés agentes.", 23),
        ("Llegaron treinta y cinco agentes.", 35),
        ("Llegaron doscientas cincuenta agentes.", 250),
        ("Llegaron diecisiete mil doscientos cincuenta y ocho agentes.", 17_258),
        ("Llegaron dos millones de personas.", 2_000_000),
    ],
)
def test_spanish_number_words(text: str, value: float) -> None:
    assert only_es(text).value == value


@pytest.mark.parametrize(
    "text, value",
    [
        ("Se concentra la mitad de los homicidios.", 50),
        ("Cayó un tercio de los casos.", 33.3),
        ("Cayeron dos terceras partes de los casos.", 66.7),
        ("Cayó una cuarta parte de los casos.", 25),
        ("Cayeron tres cuartas partes de los casos.", 75),
    ],
)
def test_spanish_fractions_are_percent(text: str, value: float) -> None:
    candidate = only_es(text)
    assert (candidate.value, candidate.unit) == (value, "percent")


@pytest.mark.parametrize(
    "text",
    ["Bajó 13 por ciento el robo.", "Bajó 13 porciento el robo.", "Bajó 13% el robo.", "Bajó 13\u00a0por\u00a0ciento el robo."],
)
def test_spanish_percent(text: str) -> None:
    candidate = only_es(text)
    assert (candidate.value, candidate.unit) == (13, "percent")
    assert "13" in candidate.quote and ("ciento" in candidate.quote or "%" in candidate.quote)


@pytest.mark.parametrize(
    "text, value",
    [("Guanajuato ocupa el segundo lugar nacional.", 2), ("En primer lugar, Guanajuato.", 1), ("Jalisco quedó en quinto.", 5)],
)
def test_spanish_ordinal_ranks(text: str, value: float) -> None:
    candidate = only_es(text)
    assert (candidate.value, candidate.unit) == (value, "rank")


def test_an_ordinal_that_is_no_rank_is_left_out() -> None:
    assert ("ordinal", "quinto") in kinds_es("El quinto estado fue Jalisco.")
    assert extract("El quinto estado fue Jalisco.", 2025, language="es") == []


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Se aseguraron 40 toneladas y media de droga.", 40.5, "tons"),
        ("Se aseguró una tonelada y media de droga.", 1.5, "tons"),
        ("Se aseguraron 40 toneladas 800 kilos de droga.", 40.8, "tons"),
        ("Se aseguraron 3 kilos 250 gramos de droga.", 3.25, "kilograms"),
        ("La operación duró dos años y medio en total.", 2.5, "years"),
    ],
)
def test_spanish_compound_measures(text: str, value: float, unit: str) -> None:
    candidate = only_es(text)
    assert (candidate.value, candidate.unit) == (value, unit)


@pytest.mark.parametrize(
    "cue, qualifier",
    [
        ("más de", "more_than"),
        ("casi", "approximate"),
        ("cerca de", "approximate"),
        ("alrededor de", "approximate"),
        ("aproximadamente", "approximate"),
        ("al menos", "at_least"),
        ("menos de", "less_than"),
        ("poco más de", "more_than"),
        ("por encima de", "more_than"),
        ("hasta", "less_than"),
    ],
)
def test_each_spanish_cue(cue: str, qualifier: str) -> None:
    text = f"La agencia contó {cue} 40 casos en el municipio."
    candidate = only_es(text)
    assert (candidate.value, candidate.qualifier, candidate.quote) == (40, qualifier, f"{cue} 40 casos")


def test_spanish_cues_with_an_article_and_non_breaking_spaces() -> None:
    candidate = only_es("Según el estudio, cerca\u00a0del 70\u00a0por\u00a0ciento de los homicidios fue con armas.")
    assert (candidate.value, candidate.unit, candidate.qualifier) == (70, "percent", "approximate")
    assert candidate.quote == "cerca\u00a0del 70\u00a0por\u00a0ciento"
    assert only_es("Más de la mitad de los casos quedó impune.").qualifier == "more_than"


@pytest.mark.parametrize(
    "text, kind, written",
    [
        ("La reunión fue el 8 de abril en la capital.", "date", "8"),
        ("Del 13 al 23 de diciembre hubo jornadas.", "date", "13"),
        ("Del 13 al 23 de diciembre hubo jornadas.", "date", "23"),
        ("En los primeros 6 meses bajó el robo.", "period", "6"),
        ("En los tres últimos meses bajó el robo.", "period", "tres"),
        ("En la semana 15 bajó el robo.", "date", "15"),
        ("Lo dice el artículo 21 de la Constitución.", "section", "21"),
        ("Participó el grupo Alfa 1 de la policía.", "name", "1"),
        ("Voló el Escuadrón 201 sobre la ciudad.", "name", "201"),
        ("Uno de los detenidos huyó.", "word", "Uno"),
    ],
)
def test_spanish_non_quantities_are_left_out_with_their_kind(text: str, kind: str, written: str) -> None:
    assert (kind, written) in kinds_es(text)
    assert all(c.text != written for c in extract(text, 2025, language="es"))


def test_an_article_is_no_number() -> None:
    assert kinds_es("Fue un total de diez casos y una visita.") == [("quantity", "diez")]
    assert only_es("Cayó un millón de dosis.").value == 1_000_000


def test_separators_are_decided_per_document_and_said_in_a_column() -> None:
    mexican = "Se registraron 33,341 homicidios, y la tasa fue de 3.5 por ciento en el país." + ES
    wire = "Se registraron 27.199 homicidios y la tasa bajó 3,5 por ciento en el país." + ES
    assert (separators_of(mexican), separators_of(wire)) == (COMMA_THOUSANDS, POINT_THOUSANDS)
    assert [c.value for c in extract(mexican, 2025)] == [33_341, 3.5]
    assert [c.value for c in extract(wire, 2025)] == [27_199, 3.5]
    rows = candidate_rows(extract(wire, 2025))
    assert list(rows["separators"]) == [POINT_THOUSANDS, POINT_THOUSANDS]
    # A wire story that writes only grouped thousands ("27.199", "1.250") is read as point thousands.
    assert [c.value for c in extract("Hubo 27.199 víctimas y 1.250 detenidos en el país." + ES, 2025)] == [27_199, 1_250]


def test_the_language_is_decided_per_document() -> None:
    assert language_of("La Secretaría de Seguridad informó que los homicidios bajaron en el país.") == "es"
    assert language_of("The Secretariat reported that homicides fell in the country.") == "en"
    assert only_es("Hubo más de 40 casos.").qualifier == "more_than"
    assert extract("Hubo más de 40 casos.", 2025, language="en")[0].qualifier == "exact"  # --lang en: no Spanish cue


@pytest.mark.parametrize(
    "text, period",
    [
        ("En 2018 hubo 40 detenidos.", ("2018", "2018", "calendar_year", "calendar")),
        ("De enero a marzo de 2025 hubo 40 detenidos.", ("2025-01", "2025-03", "span", "calendar")),
        ("Entre 2006 y 2011 hubo 40 detenidos.", ("2006", "2011", "span", "calendar")),
        ("En los primeros 100 días hubo 40 detenidos.", ("2024", "2025", "span", "calendar")),
        ("En lo que va del sexenio hubo 40 detenidos.", ("2024", "2025", "span", "calendar")),
        ("El año pasado hubo 40 detenidos.", ("2024", "2024", "calendar_year", "calendar")),
        ("En los últimos cuatro años hubo 40 detenidos.", ("2021", "2024", "span", "calendar")),
    ],
)
def test_spanish_periods(text: str, period: tuple[str, str, str, str]) -> None:
    candidate = next(c for c in extract(text, 2025, language="es") if c.value == 40)
    assert (candidate.period_start, candidate.period_end, candidate.period_type, candidate.year_basis) == period


def test_spans_up_to_publication_say_what_to_check() -> None:
    assert "period_start" in only_es("En lo que va del sexenio hubo 40 detenidos.").note


@pytest.mark.parametrize(
    "text, period",
    [
        ("In FY24, Congress provided USD$40 million.", ("2024", "2024", "fiscal_year", "fiscal")),
        ("The program trains 40 officers annually.", ("2020", "2020", "calendar_year", "calendar")),
        ("In just the last year, 40 officers were trained.", ("2020", "2020", "span", "calendar")),
    ],
)
def test_english_periods(text: str, period: tuple[str, str, str, str]) -> None:
    candidate = next(c for c in extract(text, 2021, language="en") if c.value in (40, 40_000_000))
    assert (candidate.period_start, candidate.period_end, candidate.period_type, candidate.year_basis) == period


def test_english_gaps_of_issue_22() -> None:
    tenfold = extract("Seizures grew tenfold in the period.", 2021, language="en")
    assert [(c.value, c.unit) for c in tenfold] == [(10, "times")]
    assert [(c.value, c.unit) for c in extract("Seizures grew 10-fold in the period.", 2021, language="en")] == [(10, "times")]
    longer = extract("The wall is longer than 40 miles.", 2021, language="en")
    assert [(c.value, c.qualifier) for c in longer] == [(40, "more_than")]
    assert extract("One approach is to train police.", 2021, language="en") == []
    ago = extract("Two years ago, the plan began.", 2021, include_all=True, language="en")
    assert [(c.kind, c.text) for c in ago] == [("date", "Two")]


def test_offsets_count_characters_in_spanish_text() -> None:
    text = (
        "Según “el informe”, la Secretaría\u00a0aseguró más\u00a0de 3\u00a0mil 600 armas; casi\u00a0la mitad de ellas en Sinaloa."
    )
    first, second = extract(text, 2025)
    assert (first.value, first.qualifier, first.quote) == (3600, "more_than", "más\u00a0de 3\u00a0mil 600 armas")
    assert (second.value, second.qualifier) == (50, "approximate")
    for candidate in (first, second):
        assert text[candidate.quote_start : candidate.quote_start + len(candidate.quote)] == candidate.quote


@pytest.mark.parametrize(
    "value, quote, separators, written",
    [
        ("33341", "33 mil 341 homicidios", COMMA_THOUSANDS, True),
        ("33", "33 mil 341 homicidios", COMMA_THOUSANDS, False),  # read whole: 33 is not a number here
        ("2000000", "2 millones de dólares", COMMA_THOUSANDS, True),
        ("1000000000", "mil millones de dólares", COMMA_THOUSANDS, True),
        ("1000000000000", "un billón de pesos", COMMA_THOUSANDS, True),
        ("7", "siete entidades", COMMA_THOUSANDS, True),
        ("27199", "27.199 homicidios", POINT_THOUSANDS, True),
        ("27.199", "27.199 homicidios", POINT_THOUSANDS, False),
        ("3.5", "3.5 por ciento", COMMA_THOUSANDS, True),
        ("100", "13 por ciento", COMMA_THOUSANDS, False),  # "ciento" of "por ciento" is no number
    ],
)
def test_the_ledger_reads_spanish_quotes(value: str, quote: str, separators: str, written: bool) -> None:
    assert is_written_in(value, quote, "es", separators) is written


# --- one vocabulary ---------------------------------------------------------------------------------


def test_every_unit_the_extractor_can_propose_is_one_the_ledger_accepts() -> None:
    proposed = {unit for words in UNIT_AFTER.values() for _, unit, _ in words}
    proposed |= {"count", "rank", "times", "percent", "usd", "mxn", "years", "months", "weeks"}  # forced by words and signs
    assert proposed <= set(schemas.UNITS), proposed - set(schemas.UNITS)
    assert set(schemas.ClaimsLedger.to_schema().columns["unit"].checks[0].statistics["allowed_values"]) == set(vocabulary.UNITS)


def test_every_measure_the_extractor_can_propose_for_a_family_is_in_its_table() -> None:
    tabled = {family.name: {*family.table.measures, *family.table.left_out} for family in families.FAMILIES}
    for (family, _), measure in vocabulary.GUESSED_MEASURES.items():
        assert measure in tabled[family], (family, measure)


# --- the family guess -------------------------------------------------------------------------------


def test_the_counted_noun_decides_before_topic_words() -> None:
    nine = extract("In nine counties, overdose deaths doubled in 2020.", 2021, language="en")
    assert [(c.value, c.family) for c in nine if c.value == 9] == [(9, "other")]
    assert extract("In 2019, 34,000 homicides were recorded.", 2021, language="en")[0].family == "homicide"
    assert only_es("En 2019 hubo 34 mil homicidios en México.").family == "homicide"


def test_two_families_that_weigh_the_same_give_unknown_with_low_confidence() -> None:
    candidate = extract("Extraditions and firearms: 40 were counted.", 2021, language="en")[0]
    assert (candidate.family, candidate.confidence) == ("unknown", 0.5)


def test_the_family_confidence_is_calibrated_on_the_registered_documents() -> None:
    """For every rule used at least 10 times, the share of right guesses is within 0.1 of the stated confidence."""
    agreement = ledger_agreement(REPO, read_ledger(REPO))
    for rule, (guesses, right) in agreement.family_rules.items():
        if guesses >= 10:
            assert abs(right / guesses - RULE_CONFIDENCE[rule]) <= 0.1, agreement.calibration()
    assert agreement.family_rate >= 0.9, agreement.details()


UNCURATED_ES = REPO.root.parent / "shared" / "documents-uncurated-es"


@pytest.mark.skipif(not UNCURATED_ES.is_dir(), reason="the Spanish practice documents are not on this machine")
def test_the_extractor_finds_the_hand_listed_quantities_of_the_spanish_documents() -> None:
    """tests/extractor_eval/es/ lists, by offsets only (their licence keeps their words out of the
    repository), the quantities of three Spanish documents nobody curated."""
    results = uncurated_agreement(REPO.root / "tests" / "extractor_eval" / "es", UNCURATED_ES)
    assert len(results) == 3
    for name, agreement in results.items():
        assert agreement.recall >= 0.9 and agreement.qualifier_rate >= 0.95 and agreement.unit_rate >= 0.95, (
            f"{name}\n{agreement.details()}"
        )
        assert len(agreement.extras) <= 2, f"{name}: non-quantities taken\n{agreement.details()}"


def test_a_spanish_minus_keeps_the_value_and_says_it_is_a_decrease() -> None:
    candidate = only_es("En feminicidio, menos 15.8 por ciento en el año.")
    assert (candidate.value, candidate.unit, candidate.qualifier) == (15.8, "percent", "exact")
    assert "decrease" in candidate.note


@pytest.mark.parametrize(
    "text, geography",
    [
        ("En 2024 hubo 40 homicidios en el país.", "mexico"),
        ("En 2024 hubo 40 homicidios en México.", "mexico"),
        ("En 2024 hubo 40 muertes por sobredosis en Estados Unidos.", "united_states"),
        ("En 2024 EE.UU. y México extraditaron a 40 personas.", "us_mexico"),
    ],
)
def test_spanish_geography(text: str, geography: str) -> None:
    assert only_es(text).geography == geography
