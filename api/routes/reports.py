"""Operator reports: the seed's analytics over change events across all users (daily trends per
platform with the high-impact share; users with many changes, a sign of a platform issue or a broken
pack). A user's own recent changes are `/api/privacy/history`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec
from litestar import Request, get
from litestar.params import QueryParameter

from api.auth.caller import resources_of
from api.errors import responses
from store import analytics

OPERATOR = responses(400, 401, 403, 429, 503)


class TrendOut(msgspec.Struct):
    platform: str
    day: date
    change_count: int
    high_impact_ratio: float


class HeavyUserOut(msgspec.Struct):
    user_id: str
    platform: str
    change_count: int


@get("/api/operator/reports/trends", operation_id="getChangeTrends", tags=["operator"], responses=OPERATOR,
     role="operator")
async def trends(request: Request, days: Annotated[int, QueryParameter(ge=1, le=366)] = 90) -> list[TrendOut]:
    """Change events per platform and UTC day over the last ``days`` days, newest day first."""
    rows = await analytics.daily_trends(await resources_of(request).pool(), days)
    return msgspec.convert(rows, list[TrendOut], from_attributes=True)


@get("/api/operator/reports/heavy-users", operation_id="getHeavyUsers", tags=["operator"], responses=OPERATOR,
     role="operator")
async def heavy_users(
    request: Request,
    days: Annotated[int, QueryParameter(ge=1, le=90)] = 7,
    threshold: Annotated[int, QueryParameter(ge=0, le=10_000)] = 5,
) -> list[HeavyUserOut]:
    """Users x platforms with more than ``threshold`` changes in ``days`` days, most first."""
    rows = await analytics.users_with_many_changes(await resources_of(request).pool(), days, threshold)
    return msgspec.convert(rows, list[HeavyUserOut], from_attributes=True)


ROUTES = [trends, heavy_users]
