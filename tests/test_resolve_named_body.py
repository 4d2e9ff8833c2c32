"""A state body the speaker names without a country is the one the article named with its country
before (resolve/named_body.py): "outside the Norwegian embassy ... the embassy's press officer said". Not
when the earlier mentions name two countries, not from a mention inside a quotation, and not when
switched off (resolve.named_bodies)."""
from __future__ import annotations

from test_attribute_passages import by_content, run, stages  # noqa: F401 (fixture)

from pipeline.stage import RunContext, default_params
from pipeline.stages import STAGES

EMBASSY = """Broadcast row
Reporters waited outside the Norwegian embassy in Canberra for most of Monday.
Later in the day the embassy's press officer said the ceremony had been shown in full and nothing was cut.
"""

TWO_MINISTRIES = """Detainee named
Iraq's interior ministry and the Lebanese defence ministry both confirmed the arrest in Tripoli.
A ministry spokesman said the woman had been travelling with two children under a false name.
"""

QUOTED = """Detainee named
"We have asked Iraq's interior ministry for her file," a lawyer for the family said in Beirut.
A ministry spokesman said the woman had been travelling with two children under a false name.
"""


def _off():
    cls = STAGES.get("resolve")
    return cls(default_params(cls, named_bodies=False), RunContext(None, None))


def test_the_embassy_named_before_gives_its_country(stages):  # noqa: F811
    st = by_content(run(stages, EMBASSY, date="2015-01-27"), "shown in full")
    assert st.speaker.government == "Norway"
    assert "'embassy' named before as 'the Norwegian embassy'" in st.speaker.reason
    off = by_content(run(stages, EMBASSY, resolve_stage=_off(), date="2015-01-27"), "shown in full")
    assert off.speaker.government is None


def test_not_when_the_earlier_mentions_name_two_countries(stages):  # noqa: F811
    st = by_content(run(stages, TWO_MINISTRIES, date="2015-01-27"), "false name")
    assert st.speaker.government is None


def test_not_from_a_mention_inside_a_quotation(stages):  # noqa: F811
    st = by_content(run(stages, QUOTED, date="2015-01-27"), "false name")
    assert st.speaker.government is None
