"""k-anonymity of row files: every quasi-identifier combination appears at least k times after generalisation."""

from __future__ import annotations

import random

import pytest

from api.statistics.anonymity import blank, groups, k_anonymise
from api.statistics.exports import CTDC_QUASI_IDENTIFIERS, ctdc_ladder, ctdc_row


def test_small_groups_are_generalised_before_anything_is_suppressed() -> None:
    rows = [{"year": "2025", "sex": "F", "nat": "TN"}] * 6 + [{"year": "2025", "sex": "F", "nat": "CI"}] * 2 + \
        [{"year": "2025", "sex": "F", "nat": "SN"}] * 2 + [{"year": "2025", "sex": "M", "nat": "ER"}]
    result = k_anonymise(rows, ("year", "sex", "nat"), [blank("nat"), blank("sex")], 4)
    combos = groups(result.rows, ("year", "sex", "nat"))
    assert combos == {("2025", "F", "TN"): 6, ("2025", "F", ""): 4}
    assert result.suppressed == 1  # the lone man stays alone whatever is blanked: he is left out
    assert result.generalised == 5


@pytest.mark.parametrize("seed", range(10))
def test_ctdc_rows_pass_the_k_check(seed: int) -> None:
    rng = random.Random(seed)
    records = [{"year": rng.choice((2024, 2025)), "sex": rng.choice(("FEMALE", "MALE", "OTHER")),
                "band": rng.choice(("0-8", "9-17", "18-20", "30-38", "48+")), "minor": rng.random() < 0.3,
                "nationality": rng.choice(("TN", "CI", "NG", "ER", "SY")), "forms": ["FORCED_LABOUR"],
                "means": ["DEBT_BONDAGE"], "sector": "AGRICULTURE"} for _ in range(rng.randint(5, 300))]
    rows = [ctdc_row(record) for record in records]
    result = k_anonymise(rows, CTDC_QUASI_IDENTIFIERS, ctdc_ladder(), 10)
    assert all(count >= 10 for count in groups(result.rows, CTDC_QUASI_IDENTIFIERS).values())
    assert len(result.rows) + result.suppressed == len(rows)


def test_a_ctdc_row_uses_the_published_codes() -> None:
    row = ctdc_row({"year": 2025, "sex": "FEMALE", "band": "18-20", "minor": False, "nationality": "CI",
                    "forms": ["DOMESTIC_SERVITUDE", "SEXUAL_EXPLOITATION"], "means": ["DEBT_BONDAGE", "THREATS"],
                    "sector": "DOMESTIC_WORK"})
    assert (row["gender"], row["ageBroad"], row["citizenship"], row["majorityStatus"]) == \
        ("Woman", "18--20", "CIV", "Adult")
    assert row["isForcedLabour"] == row["isSexualExploit"] == row["typeOfLabourDomesticWork"] == "1"
    assert row["meansDebtBondageEarnings"] == row["meansThreats"] == "1"
    assert row["isOtherExploit"] == "" and row["CountryOfExploitation"] == "TUN"
