"""The actor gazetteer (YAML, extended without code) and the speaker -> government decisions."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.resolve.gazetteer import GazetteerError, load_gazetteer, parse_date
from pipeline.resolve.resolver import GovernmentResolver

ROOT = Path(__file__).resolve().parents[1]
D2016 = dt.date(2016, 5, 3)
D2024 = dt.date(2024, 6, 18)
D2014 = dt.date(2014, 12, 10)


@pytest.fixture(scope="module")
def resolver():
    return GovernmentResolver(load_gazetteer(str(ROOT / "configs" / "actors.yaml")))


@pytest.mark.parametrize("mention,home,day,government", [
    ("Foreign Ministry spokesperson Lim", "South Korea", D2024, "South Korea"),
    ("A Foreign Ministry official", "South Korea", D2024, "South Korea"),
    ("the government", "South Korea", D2024, "South Korea"),
    ("Russian Foreign Ministry", "South Korea", D2024, "Russia"),
    ("The Kremlin", None, D2024, "Russia"),
    ("Beijing", "United States", D2024, "China"),
    ("a Seoul official", None, D2024, "South Korea"),
    ("Lim Soo-seok, spokesperson for the Ministry of Foreign Affairs", "South Korea", D2024, "South Korea"),
    ("President Obama", None, D2016, "United States"),
    ("Secretary of State John Kerry", None, D2016, "United States"),
    ("White House press secretary Josh Earnest", None, D2016, "United States"),
    ("U.S. officials", None, D2016, "United States"),
    ("the Workers' Party of Korea", None, D2024, "North Korea"),
    # a head of state's household: the palace the news names, or "the Palace" in the article's country
    ("A Buckingham Palace spokesperson", None, D2016, "United Kingdom"),
    ("a spokesman for Clarence House", None, D2016, "United Kingdom"),
    ("Palace officials", "United Kingdom", D2016, "United Kingdom"),
    ("the royal palace", "Thailand", D2016, "Thailand"),
    ("the Afghan presidential palace", None, D2016, "Afghanistan"),
    ("a spokesman for the royal household", "Spain", D2016, "Spain"),
])
def test_government_speakers(resolver, mention, home, day, government):
    d = resolver.decide(mention, home, "test", day)
    assert (d.government, d.kind) == (government, "government"), d


@pytest.mark.parametrize("mention,day", [
    ("a Russian analyst", D2024),
    ("a Kremlin critic", D2024),
    ("Kremlin watchers", D2024),  # analysts of a government, not it
    ("WATCHERS of North Korea's secretive regime", D2014),
    ("former foreign minister Kang Kyung-wha", D2024),
    ("Republican presidential candidate Donald Trump", D2016),
    ("Trump", D2016),
    ("Hillary Clinton", D2016),
    ("campaign officials", D2016),
    ("a spokesman for the Trump campaign", D2016),
    ("Sen. Ted Cruz", D2016),
    ("Senate Majority Leader Mitch McConnell", D2016),
    ("Michael McFaul, a senior fellow at the Hoover Institution and a former United States ambassador to Russia", D2016),
    ("Derek Mitchell, who served as U.S. ambassador to Burma", D2016),
    ("American voters", D2016),
    ("researchers at a Seoul think tank", D2024),
    # a journalist, whatever capital names the bureau
    ("the Beijing bureau chief", D2024),
    ("Moscow bureau chief Anna Petrova", D2024),
    # a city's police or government, not the nation's
    ("the London Metropolitan Police", D2016),
    ("a spokesman for the Metropolitan Police Department", D2016),
    ("Tokyo Metropolitan Government officials", D2024),
    ("Crystal Palace", D2016),  # a football club
    ("a Crystal Palace spokesman", D2016),
])
def test_non_government_speakers(resolver, mention, day):
    d = resolver.decide(mention, "United States", "test", day)
    assert d.government is None and d.kind == "non_government", d


@pytest.mark.parametrize("mention", ["Palace boss Alan Pardew", "the Palace Theatre", "the palace gardens", "Caesars Palace",
                                     "a spokesman for the Palace Hotel"])
def test_palace_alone_names_no_government(resolver, mention):
    d = resolver.decide(mention, "United Kingdom", "test", D2016)
    assert d.government is None, d


def test_unknown_without_home_country(resolver):
    d = resolver.decide("the spokesperson", None, "", D2024)
    assert d.government is None and d.kind == "unknown"


def test_tenures_follow_the_article_date(resolver):
    assert resolver.decide("Trump", None, "", dt.date(2018, 1, 1)).government == "United States"
    assert resolver.decide("Trump", None, "", dt.date(2022, 1, 1)).government is None
    assert resolver.decide("Biden", None, "", dt.date(2016, 1, 1)).government == "United States"  # vice president
    assert resolver.decide("Biden", None, "", dt.date(2019, 1, 1)).government is None
    reason = resolver.decide("Trump", None, "", D2016).reason
    assert "not in office on 2016-05-03" in reason


def test_british_cabinet_office_holders_named_by_title_alone(resolver):
    aug2014 = dt.date(2014, 8, 25)
    assert resolver.decide("Foreign Secretary Philip Hammond", None, "", aug2014).government == "United Kingdom"
    assert resolver.decide("Home Secretary Theresa May", None, "", aug2014).government == "United Kingdom"
    assert resolver.decide("Boris Johnson", None, "", dt.date(2017, 3, 1)).government == "United Kingdom"
    assert resolver.decide("Boris Johnson", None, "", dt.date(2019, 1, 1)).government is None  # between offices


@pytest.mark.parametrize("mention,day,government", [
    ("Attorney General William Barr", dt.date(2019, 6, 1), "United States"),  # named without the country
    ("Homeland Security Deputy Secretary Alejandro Mayorkas", dt.date(2016, 7, 26), "United States"),
    ("Fed Chair Janet Yellen", dt.date(2015, 12, 30), "United States"),
    ("Rex Tillerson", dt.date(2016, 5, 3), None),  # an oil executive before he took office
    ("Mattis", dt.date(2018, 3, 1), "United States"),
])
def test_american_principals_of_three_administrations(resolver, mention, day, government):
    assert resolver.decide(mention, None, "", day).government == government


def test_parse_date():
    assert parse_date("nyt_2016-09-28_what-mexico") == dt.date(2016, 9, 28)
    assert parse_date("2024-06-18T09:00:00Z") == dt.date(2024, 6, 18)
    assert parse_date("20240618") == dt.date(2024, 6, 18)
    assert parse_date("no date here 2024") is None


SIMPLE = """
governments:
  Atlantis:
    names: [Atlantis]
    demonyms: [Atlantean]
    capitals: [Poseidonia]
    institutions: [Coral Palace]
    people: [Queen Marina]
government_roles: [spokesperson, ministry]
non_government_roles: [analyst]
"""

DATED = SIMPLE.replace("people: [Queen Marina]", """people:
      - Queen Marina
      - {name: Thalassa Reed, aliases: [Reed], from: 2020-01-01, to: 2024-01-01}""")


def write(tmp_path, text: str) -> str:
    p = tmp_path / "actors.yaml"
    p.write_text(text, encoding="utf-8")
    load_gazetteer.cache_clear()
    return str(p)


def test_users_extend_the_gazetteer_in_yaml(tmp_path):
    r = GovernmentResolver(load_gazetteer(write(tmp_path, SIMPLE)))  # the plain list form
    assert r.decide("the Coral Palace", None).government == "Atlantis"
    assert r.decide("Poseidonia", None).government == "Atlantis"
    assert r.decide("an Atlantean analyst", None).kind == "non_government"
    r = GovernmentResolver(load_gazetteer(write(tmp_path, DATED)))
    assert r.decide("Reed", None, "", dt.date(2021, 6, 1)).government == "Atlantis"
    assert r.decide("Reed", None, "", dt.date(2025, 6, 1)).kind == "non_government"
    assert r.decide("Queen Marina", None, "", dt.date(1990, 1, 1)).government == "Atlantis"


@pytest.mark.parametrize("bad,message", [
    (SIMPLE.replace("demonyms:", "demonymz:"), "unknown key(s) demonymz"),
    (DATED.replace("from: 2020-01-01", "from: soon"), "must be a date"),
    (DATED.replace("to: 2024-01-01", "to: 2019-01-01"), "must come after"),
    (DATED.replace("aliases: [Reed]", "alias: [Reed]"), "unknown key(s) alias"),
    (SIMPLE.replace("institutions: [Coral Palace]", "institutions: Coral Palace"), "must be a list"),
    ("governments: []\n", "'governments' must be a mapping"),
])
def test_gazetteer_errors_name_the_key(tmp_path, bad, message):
    with pytest.raises(GazetteerError) as e:
        load_gazetteer(write(tmp_path, bad))
    assert message in str(e.value)


def test_a_name_that_is_also_a_demonym_reads_as_the_country(resolver):
    """"US" is in names and demonyms: "The US claimed" is the country speaking."""
    d = resolver.decide("The US", None, "", D2016)
    assert (d.government, d.kind) == ("United States", "government")
    m = [x for x in resolver.gaz.find("The US said") if x.text == "US"][0]
    assert m.field == "names"


def test_people_match_case_sensitively(resolver):
    assert not [m for m in resolver.gaz.find("a ban on imports", on=D2016) if m.field == "people"]
    assert [m.government for m in resolver.gaz.find("Ban said", on=D2016) if m.field == "people"] == ["United Nations"]


def test_a_full_name_matches_with_a_middle_initial_the_gazetteer_leaves_out(resolver):
    # "Attorney General Loretta E. Lynch": the gazetteer lists "Loretta Lynch", with no bare "Lynch" alias
    people = [m for m in resolver.gaz.find("Attorney General Loretta E. Lynch announced Friday", on=D2016)
              if m.field == "people"]
    assert [(m.government, m.text, m.valid) for m in people] == [("United States", "Loretta E. Lynch", True)]
    assert resolver.decide("Attorney General Loretta E. Lynch", None, on=D2016).government == "United States"
    # only a capital and a full stop between the two names: not a word, not a lower-case letter
    assert not [m for m in resolver.gaz.find("Loretta Jane Lynch, Loretta e. Lynch", on=D2016) if m.field == "people"]


def test_find_skips_aliases_whose_first_word_is_absent_but_finds_the_rest(tmp_path):
    gaz = load_gazetteer(write(tmp_path, SIMPLE))
    assert [m.text for m in gaz.find("An Atlantean envoy at the Coral Palace")] == ["Atlantean", "Coral Palace"]
    assert gaz.find("nothing here") == []


def test_no_10_is_downing_street_and_an_alias_with_a_number_matches_as_written(resolver):
    assert resolver.decide("No 10", None).government == "United Kingdom"
    assert resolver.decide("a Number 10 spokeswoman", None).government == "United Kingdom"
    assert resolver.decide("number 10 seed Roger Federer", None).kind != "government"


@pytest.mark.parametrize("mention, government", [
    ("UNHCR", "United Nations"),  # the UN's agencies count as the UN (govbench annotation rules)
    ("the World Food Programme", "United Nations"),
    ("UN peacekeepers", "United Nations"),
    ("the UN nuclear watchdog", "United Nations"),
    ("an official at the U.N. refugee agency", "United Nations"),  # a workplace with a body that needs a country
    ("the Syrian Observatory, a watchdog", None),  # an NGO: "watchdog" alone is no state body
    ("A source with contacts with Iraqi intelligence", None),  # contacts, not a workplace
    # an institution listed under one name is found under the government's others ("UN Human Rights Council")
    ("a report by the United Nations Human Rights Council", "United Nations"),
    ("the U.N. General Assembly", "United Nations"),
    ("a spokesman for US Forces Korea", "United States"),  # listed as "U.S. Forces Korea"
])
def test_un_agencies_and_workplaces(resolver, mention, government):
    assert resolver.decide(mention, None).government == government


@pytest.mark.parametrize("mention, government", [
    ("CentCom", "United States"),  # an acronym said as a word, in camel case or with one capital
    ("a Centcom statement", "United States"),
    ("Nato", "NATO"),
    ("Unicef", "United Nations"),
    ("centcom", None),  # all in lower case: not the name
    ("Cia", None),  # a three-letter acronym matches only as written
])
def test_a_long_acronym_matches_with_one_capital_or_in_camel_case(resolver, mention, government):
    assert resolver.decide(mention, None, "test", D2014).government == government
