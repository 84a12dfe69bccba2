"""The fixed catalogue of measures and dimensions, and the one table mapping Law 2016-61's forms to TIP and CTDC.

Law 2016-61 (art. 2) names the forms of exploitation Himaya records (``seed/reference/exploitation_forms.json``).
International reporting groups them differently; this module is the one place where that grouping is written:

| Law 2016-61 form       | TIP-chapter category       | CTDC flag       | CTDC typeOfLabour*            |
|------------------------|----------------------------|-----------------|-------------------------------|
| SEXUAL_EXPLOITATION    | SEX_TRAFFICKING            | isSexualExploit |                               |
| FORCED_LABOUR          | FORCED_LABOUR (*)          | isForcedLabour  | from the labour sector        |
| DOMESTIC_SERVITUDE     | SERVITUDE (*)              | isForcedLabour  | typeOfLabourDomesticWork      |
| FORCED_BEGGING         | FORCED_BEGGING (*)         | isForcedLabour  | typeOfLabourBegging           |
| FORCED_CRIMINALITY     | FORCED_CRIMINALITY (*)     | isForcedLabour  | typeOfLabourIllicitActivities |
| SLAVERY_AND_PRACTICES  | SLAVERY_LIKE_PRACTICES (*) | isOtherExploit  |                               |
| FORCED_MARRIAGE        | OTHER                      | isOtherExploit  |                               |
| ORGAN_REMOVAL          | OTHER                      | isOtherExploit  |                               |
| FORCED_MILITARY        | OTHER                      | isOtherExploit  |                               |
| OTHER                  | OTHER                      | isOtherExploit  |                               |
| (no form recorded)     | UNSPECIFIED                | (flags blank)   |                               |

(*) A labour form whose case records the means of control DEBT_BONDAGE counts as TIP ``DEBT_BONDAGE``.
The TIP category ILLEGAL_ADOPTION has no form in Law 2016-61's catalogue yet: it is always reported as 0.
The CTDC synthetic data set has only the three flags ``isForcedLabour``, ``isSexualExploit`` and
``isOtherExploit``: every form that is neither sexual exploitation nor labour is ``isOtherExploit``.
"""

from __future__ import annotations

from enum import StrEnum


class Measure(StrEnum):
    VICTIMS = "VICTIMS"
    CASES = "CASES"
    REPORTS = "REPORTS"
    REFERRALS = "REFERRALS"
    TRANSMISSIONS = "TRANSMISSIONS"


class Dimension(StrEnum):
    YEAR = "YEAR"
    SEX = "SEX"
    AGE_BAND = "AGE_BAND"
    MINOR = "MINOR"
    SEX_AND_AGE = "SEX_AND_AGE"
    NATIONALITY = "NATIONALITY"
    CITIZENSHIP = "CITIZENSHIP"
    FORM = "FORM"
    TIP_FORM = "TIP_FORM"
    LABOUR_SECTOR = "LABOUR_SECTOR"
    MEANS_OF_CONTROL = "MEANS_OF_CONTROL"
    GOVERNORATE = "GOVERNORATE"
    ORGANIZATION = "ORGANIZATION"
    REFERRING_ACTOR_TYPE = "REFERRING_ACTOR_TYPE"
    STATUS = "STATUS"
    CHANNEL = "CHANNEL"
    COURT = "COURT"
    COURT_STATUS = "COURT_STATUS"
    SERVICE_CATEGORY = "SERVICE_CATEGORY"
    DELAY_BAND = "DELAY_BAND"
    OVERDUE = "OVERDUE"
    ASSISTANCE = "ASSISTANCE"


class Filter(StrEnum):
    GOVERNORATE = "governorate"
    FORM = "form"
    SEX = "sex"
    AGE_BAND = "ageBand"
    NATIONALITY = "nationality"
    ORGANIZATION = "organization"


MAX_DIMENSIONS = 3
HOME_COUNTRY = "TN"

_PERSON = frozenset({Dimension.SEX, Dimension.AGE_BAND, Dimension.MINOR, Dimension.SEX_AND_AGE,
                     Dimension.NATIONALITY, Dimension.CITIZENSHIP})
_CASE = frozenset({Dimension.YEAR, Dimension.FORM, Dimension.TIP_FORM, Dimension.LABOUR_SECTOR,
                   Dimension.MEANS_OF_CONTROL, Dimension.GOVERNORATE, Dimension.ORGANIZATION,
                   Dimension.REFERRING_ACTOR_TYPE, Dimension.STATUS, Dimension.ASSISTANCE}) | _PERSON
_REPORT = frozenset({Dimension.YEAR, Dimension.FORM, Dimension.GOVERNORATE, Dimension.ORGANIZATION,
                     Dimension.REFERRING_ACTOR_TYPE, Dimension.STATUS, Dimension.CHANNEL, Dimension.MINOR})

# Which dimensions and filters each measure can be broken down by.
MEASURE_DIMENSIONS: dict[Measure, frozenset[Dimension]] = {
    Measure.VICTIMS: _CASE,
    Measure.CASES: _CASE,
    Measure.REFERRALS: _CASE | {Dimension.SERVICE_CATEGORY, Dimension.DELAY_BAND},
    Measure.REPORTS: _REPORT,
    Measure.TRANSMISSIONS: _REPORT | {Dimension.COURT, Dimension.COURT_STATUS, Dimension.DELAY_BAND,
                                      Dimension.OVERDUE},
}
_ALL_FILTERS = frozenset(Filter)
_REPORT_FILTERS = frozenset({Filter.GOVERNORATE, Filter.FORM, Filter.ORGANIZATION})
MEASURE_FILTERS: dict[Measure, frozenset[Filter]] = {
    Measure.VICTIMS: _ALL_FILTERS, Measure.CASES: _ALL_FILTERS, Measure.REFERRALS: _ALL_FILTERS,
    Measure.REPORTS: _REPORT_FILTERS, Measure.TRANSMISSIONS: _REPORT_FILTERS,
}

# Law 2016-61 form → TIP-chapter category (see the table above).
TIP_FORMS: dict[str, str] = {
    "SEXUAL_EXPLOITATION": "SEX_TRAFFICKING",
    "FORCED_LABOUR": "FORCED_LABOUR",
    "DOMESTIC_SERVITUDE": "SERVITUDE",
    "FORCED_BEGGING": "FORCED_BEGGING",
    "FORCED_CRIMINALITY": "FORCED_CRIMINALITY",
    "SLAVERY_AND_PRACTICES": "SLAVERY_LIKE_PRACTICES",
    "FORCED_MARRIAGE": "OTHER",
    "ORGAN_REMOVAL": "OTHER",
    "FORCED_MILITARY": "OTHER",
    "OTHER": "OTHER",
}
# The forms that are labour trafficking (debt bondage among them turns into TIP DEBT_BONDAGE).
LABOUR_FORMS: tuple[str, ...] = ("FORCED_LABOUR", "DOMESTIC_SERVITUDE", "FORCED_BEGGING", "FORCED_CRIMINALITY",
                                 "SLAVERY_AND_PRACTICES")
# Every TIP category, in the order the TIP chapter lists them (zeros included).
TIP_CATEGORIES: tuple[str, ...] = ("SEX_TRAFFICKING", "FORCED_LABOUR", "FORCED_CRIMINALITY", "DEBT_BONDAGE",
                                   "SLAVERY_LIKE_PRACTICES", "SERVITUDE", "FORCED_BEGGING", "ILLEGAL_ADOPTION",
                                   "OTHER", "UNSPECIFIED")
# Law 2016-61 form → CTDC synthetic-data exploitation flag.
CTDC_FORM_FLAGS: dict[str, str] = {
    "SEXUAL_EXPLOITATION": "isSexualExploit",
    "FORCED_LABOUR": "isForcedLabour",
    "DOMESTIC_SERVITUDE": "isForcedLabour",
    "FORCED_BEGGING": "isForcedLabour",
    "FORCED_CRIMINALITY": "isForcedLabour",
    "SLAVERY_AND_PRACTICES": "isOtherExploit",
    "FORCED_MARRIAGE": "isOtherExploit",
    "ORGAN_REMOVAL": "isOtherExploit",
    "FORCED_MILITARY": "isOtherExploit",
    "OTHER": "isOtherExploit",
}


def query_constants() -> dict[str, object]:
    """The catalogue values every statistics statement takes as parameters."""
    return {"tipForms": TIP_FORMS, "labourForms": list(LABOUR_FORMS), "homeCountry": HOME_COUNTRY}
