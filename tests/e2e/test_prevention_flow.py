"""Through the gateway, with every process real: the prevention unit opens an
assessment, enumerators' entries are reviewed, the score is explained, the head
publishes, the public page counts it without a login and the rapor prints it under the
office's letterhead."""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import cast

import httpx
import pytest

from apik_testing.pdf import text_of
from apik_testing.services import RunningService
from apik_testing.stack import ADMIN_PASSWORD
from tests.e2e.office import create_user, login
from tests.prevention.builders import (
    ASSESSMENTS,
    V1,
    answer_everything,
    open_assessment,
    scheme_id,
    shipped,
)

pytestmark = pytest.mark.e2e


async def test_an_assessment_from_entries_to_the_public_page_and_the_rapor(
    gateway: httpx.AsyncClient,
) -> None:
    admin = await login(gateway, "admin", ADMIN_PASSWORD)
    tag = uuid.uuid4().hex[:6]
    enumerator = await create_user(gateway, admin, f"enum{tag}", "PUSAT", "prevention_officer")
    reviewer = await create_user(gateway, admin, f"vali{tag}", "PUSAT", "prevention_officer")
    head = await create_user(gateway, admin, f"kepala{tag}", "PUSAT", "head")
    # The builders' calls, through the gateway: they use nothing but `.client`.
    through = cast(RunningService, SimpleNamespace(client=gateway))

    scheme = await scheme_id(through, enumerator, "ombudsman-2022")
    region = f"Provinsi {tag}"
    assessment = (await open_assessment(through, enumerator, scheme, region=region))["id"]
    # Process indicators all 2 of 3: 32.37 / 3 = 10.79 points lost -> 89.21, A.
    values = {f"P.{n}": 2 for n in range(1, 12)}
    await answer_everything(
        through,
        enumerator,
        reviewer,
        assessment,
        shipped(2022),
        values,
    )
    score = await gateway.get(f"{ASSESSMENTS}/{assessment}/score", headers=reviewer)
    assert score.status_code == 200, score.text
    assert (score.json()["total"], score.json()["result"]["grade"]) == (89.21, "A")

    for step, headers in (("plenary", enumerator), ("publication", head)):
        moved = await gateway.post(f"{ASSESSMENTS}/{assessment}/{step}", headers=headers)
        assert moved.status_code == 200, moved.text

    public = await gateway.get(f"{V1}/public/results", params={"year": 2023})
    assert public.status_code == 200, public.text
    [mine] = [r for r in public.json()["by_region"] if r["region"] == region]
    assert mine == {
        "region": region,
        "published": 1,
        "by_result": {"Kualitas Tertinggi (A)": 1},
    }

    rapor = await gateway.get(f"{ASSESSMENTS}/{assessment}/rapor.pdf", headers=head)
    assert rapor.status_code == 200, rapor.text
    text = " ".join(text_of(rapor.content).split())
    assert "89,21 dari 100" in text and "Kualitas Tertinggi (A)" in text
