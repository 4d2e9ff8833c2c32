"""The body and office types (pipeline/resolve/bodies.yaml) and the countries from pycountry."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.resolve import ResolveParams, ResolveStage
from pipeline.resolve.bodies import DEFAULT_BODIES, BodiesError, build_lexicon, load_bodies, plural_forms
from pipeline.resolve.countries import derived_demonyms, with_countries
from pipeline.resolve.gazetteer import load_gazetteer
from pipeline.resolve.resolver import GovernmentResolver

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def lex():
    return load_bodies()


@pytest.fixture(scope="module")
def world(lex):
    load_gazetteer.cache_clear()
    return with_countries(load_gazetteer(str(ROOT / "configs" / "actors.yaml")), lex)


def test_the_packaged_file_ships_with_the_package():
    assert Path(DEFAULT_BODIES).name == "bodies.yaml" and Path(DEFAULT_BODIES).is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"*.yaml"' in pyproject and '"pycountry' in pyproject


@pytest.mark.parametrize("word,kind", [
    ("treasury", "body"), ("ministries", "body"), ("embassies", "body"), ("spokeswoman", "office"),
    ("spokesmen", "office"), ("national guard", "body"), ("religious police", "body"),
    ("command", "body_cc"), ("colonel", "office_cc"), ("police", "body_cc"), ("bureau", "body_cc"),
    ("think tank", "non_gov:organisations"), ("newspaper", "non_gov:media"), ("lawmakers", "non_gov:legislators"),
    ("militants", "non_gov:armed_groups"), ("statement", "document"),
])
def test_kinds(lex, word, kind):
    assert lex.kind(word) == kind


def test_longest_word_wins(lex):
    words = lex.find("the Saudi religious police and the Central Command")
    assert [(w.text, w.kind) for w in words] == [("religious police", "body"), ("central command", "body_cc")]


@pytest.mark.parametrize("word,forms", [
    ("ministry", ["ministry", "ministries"]), ("spokesman", ["spokesman", "spokesmen"]),
    ("chief of staff", ["chief of staff", "chiefs of staff"]), ("forces", ["forces"]), ("sen.", ["sen."]),
])
def test_plural_forms(word, forms):
    assert plural_forms(word) == forms


def test_gender(lex):
    assert lex.gender_of("a spokeswoman for the ministry") == "f"
    assert lex.gender_of("Mr. Smith") == "m"
    assert lex.gender_of("the ministry") is None


@pytest.mark.parametrize("name,demonym", [("Syria", "Syrian"), ("Cuba", "Cuban"), ("Mexico", "Mexican"),
                                          ("Iraq", "Iraqi"), ("Peru", "Peruvian"), ("Hungary", "Hungarian")])
def test_regular_demonyms(name, demonym):
    assert demonym in derived_demonyms(name)


@pytest.mark.parametrize("alias,field,government", [
    ("Iraq", "names", "Iraq"), ("Iraqi", "demonyms", "Iraq"), ("IRQ", "names", "Iraq"), ("Baghdad", "capitals", "Iraq"),
    ("Viet Nam", "names", "Vietnam"), ("Syrian Arab Republic", "names", "Syria"), ("Afghan", "demonyms", "Afghanistan"),
    ("Nigerian", "demonyms", "Nigeria"), ("Holy See", "names", "Holy See (Vatican City State)"),
    ("Palestinian", "demonyms", "Palestine"), ("Jordanian", "demonyms", "Jordan"),
])
def test_pycountry_fills_the_world(world, alias, field, government):
    assert alias in (world.governments[government].get(field) or [])


def test_gazetteer_names_win_and_ambiguous_names_are_left_out(world):
    assert "United Kingdom" in world.governments and "United Kingdom of Great Britain and Northern Ireland" not in world.governments
    assert "Palestine, State of" not in world.governments  # actors.yaml's canonical "Palestine"
    assert "Jordan" not in (world.governments["Jordan"].get("names") or [])  # "Jordan said" is usually a person
    assert "Chad" not in (world.governments["Chad"].get("names") or [])
    assert not any("Dominican" in (g.get("demonyms") or []) for g in world.governments.values())  # two claim it
    assert not any("VA" in (g.get("names") or []) for g in world.governments.values())  # Veterans Affairs


def test_a_user_body_file_composes_with_every_country(tmp_path):
    data = yaml.safe_load(Path(DEFAULT_BODIES).read_text(encoding="utf-8"))
    data["bodies"]["with_country"].append("inspectorate")
    p = tmp_path / "bodies.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load_bodies.cache_clear()
    load_gazetteer.cache_clear()
    r = GovernmentResolver(load_gazetteer(str(ROOT / "configs" / "actors.yaml")), bodies=load_bodies(str(p)))
    assert r.decide("the Estonian inspectorate", None).government == "Estonia"
    r0 = GovernmentResolver(load_gazetteer(str(ROOT / "configs" / "actors.yaml")))
    assert r0.decide("the Estonian inspectorate", None).government is None
    stage = ResolveStage(ResolveParams(bodies=str(p)), None)
    assert "bodies_sha256" in stage.describe()


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d.update(bodys=[]), "unknown key(s) bodys"),
    (lambda d: d.update(bodies=["ministry"]), "bodies must be a mapping with keys standalone and with_country"),
    (lambda d: d["offices"].update(standalone="minister"), "offices.standalone must be a list"),
    (lambda d: d["demonyms"].update({"XYZ": ["Xyzian"]}), "'XYZ' is not an ISO 3166 alpha-2 code"),
    (lambda d: d["demonyms"].update({False: ["Norwegian"]}), "quote two-letter codes such as"),
    (lambda d: d["pronouns"].update(they={"number": "many", "referent": "either"}), "number must be sg|pl"),
    (lambda d: d.update(non_government=[]), "non_government must be a mapping"),
])
def test_bad_body_files_name_the_key(mutate, message):
    data = yaml.safe_load(Path(DEFAULT_BODIES).read_text(encoding="utf-8"))
    mutate(data)
    with pytest.raises(BodiesError) as e:
        build_lexicon(data, Path("bodies.yaml"))
    assert message in str(e.value)


def test_missing_body_file_is_named(tmp_path):
    with pytest.raises(BodiesError, match="not found"):
        load_bodies(str(tmp_path / "nope.yaml"))


def test_geonames_capitals_name_one_seat_of_government_each():
    """places.capitals (resolve.geonames_capitals, opt-in): Khartoum is Sudan's; names shared with a
    city elsewhere ("Victoria"), short ones ("Male") and "The Valley" are left out."""
    from pipeline.resolve.places import capitals

    caps = capitals()
    assert caps["SD"] == "Khartoum"
    values = set(caps.values())
    assert not values & {"Victoria", "Male", "Lima", "The Valley", "Kingston"}
    from pipeline.resolve.gazetteer import load_gazetteer
    from pipeline.resolve.resolver import GovernmentResolver
    gaz = load_gazetteer(str(ROOT / "configs" / "actors.yaml"))
    assert GovernmentResolver(gaz, geonames_capitals=True).decide("Khartoum", None).government == "Sudan"
    assert GovernmentResolver(gaz).decide("Khartoum", None).kind != "government"
