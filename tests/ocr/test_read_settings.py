"""ocr.read_settings on settings pages rendered by real Chromium: drawn toggles in three styles, word
values in several fonts and layouts, rows where a neighbour's value is tempting, and faint text."""

from __future__ import annotations

import pytest

from core.errors import InvalidInput
from ocr import OcrReading, OcrTarget, read_settings

ON_OFF = {"On": "on", "Off": "off", "Paused": "off"}
AUDIENCE = {"Public": "public", "Friends": "friends", "Only me": "only_me", "Custom": "custom",
            "Everyone": "everyone", "Friends of friends": "friends_of_friends"}


def toggle(key: str, *labels: str) -> OcrTarget:
    return OcrTarget(key=key, labels=list(labels), kind="toggle")


def words(key: str, label: str, values: dict[str, str]) -> OcrTarget:
    return OcrTarget(key=key, labels=[label], kind="words", words=values)


TOGGLES = [
    toggle("web_app_activity", "Web & App Activity"),
    toggle("timeline", "Timeline", "Location History"),  # the page shows the former label
    toggle("youtube_history", "YouTube History"),
    toggle("personalized_ads_browser", "Personalized ads in this browser"),
    toggle("personalized_ads_account", "Personalized ads wherever I use my Microsoft account"),
    toggle("search_history", "Search history"),
]
WORDS = [
    words("future_posts_audience", "Who can see your future posts?", AUDIENCE),
    words("friend_requests", "Who can send you friend requests?", AUDIENCE),
    words("lookup_email", "Who can look you up using the email address you provided?", AUDIENCE),
    words("search_engine_link", "Do you want search engines outside of Facebook to link to your profile?",
          {"Yes": "yes", "No": "no"}),
    words("auto_delete", "Auto-delete", {"Don't auto-delete": "off", "older than 3 months": "3",
                                         "older than 18 months": "18", "older than 36 months": "36"}),
]


def by_key(readings: list[OcrReading]) -> dict[str, OcrReading]:
    return {r.key: r for r in readings}


def assert_read(readings: list[OcrReading], expected: dict[str, str]) -> None:
    got = by_key(readings)
    for key, value in expected.items():
        assert (got[key].value, got[key].uncertain) == (value, False), got[key]
        assert got[key].confidence >= 0.7


@pytest.mark.browser
@pytest.mark.parametrize("flip", [False, True])
async def test_drawn_toggles_in_three_styles_read_on_and_off(render, flip: bool) -> None:
    states = {"web_app_activity": "on", "timeline": "off", "youtube_history": "on",
              "personalized_ads_browser": "off", "personalized_ads_account": "on", "search_history": "off"}
    if flip:
        states = {k: "off" if v == "on" else "on" for k, v in states.items()}
    readings = read_settings(await render("toggles.html", states), TOGGLES)
    assert [r.key for r in readings] == [t.key for t in TOGGLES]
    assert_read(readings, states)
    assert by_key(readings)["timeline"].label_found == "Location History"


@pytest.mark.browser
@pytest.mark.parametrize("shown", [
    {"future_posts_audience": "Friends", "friend_requests": "Everyone", "lookup_email": "Only me",
     "search_engine_link": "No", "auto_delete": "Auto-deleting activity older than 18 months"},
    {"future_posts_audience": "Only me", "friend_requests": "Friends of friends", "lookup_email": "Friends",
     "search_engine_link": "Yes", "auto_delete": "Auto-deleting activity older than 3 months"},
])
async def test_word_values_beside_and_below_labels_in_several_fonts(render, shown: dict[str, str]) -> None:
    readings = read_settings(await render("words.html", shown), WORDS)
    expected = {k: AUDIENCE.get(v) or {"Yes": "yes", "No": "no"}.get(v) or v.split()[-2]
                for k, v in shown.items()}
    assert_read(readings, expected)


@pytest.mark.browser
async def test_one_x_screenshot_is_upscaled_and_still_read(render) -> None:
    shown = {"future_posts_audience": "Custom", "friend_requests": "Everyone", "lookup_email": "Only me"}
    readings = read_settings(await render("words.html", shown, scale=1), WORDS[:3])
    assert_read(readings, {"future_posts_audience": "custom", "friend_requests": "everyone",
                           "lookup_email": "only_me"})


TEMPTING = [
    OcrTarget("web_app_activity", ["Web & App Activity"], "toggle"),
    words("youtube_history", "YouTube History", ON_OFF),
    words("search_history", "Search history", ON_OFF),
    words("location_activity", "Location activity", ON_OFF),
    OcrTarget("personalized_ads", ["Personalized ads"], "toggle"),
    words("future_posts_audience", "Who can see your future posts?", AUDIENCE),
    words("friend_requests", "Who can send you friend requests?", AUDIENCE),
]


@pytest.mark.browser
@pytest.mark.parametrize("values", [
    {"web_app_activity": "on", "chrome_history": "off", "shorts": "On", "search_history": "Off",
     "location_activity": "On", "personalized_ads": "off", "future_posts_audience": "Public",
     "friend_requests": "Friends of friends"},
    {"web_app_activity": "off", "chrome_history": "on", "shorts": "Off", "search_history": "On",
     "location_activity": "Off", "personalized_ads": "on", "future_posts_audience": "Friends",
     "friend_requests": "Everyone"},
])
async def test_a_value_belongs_to_the_nearest_label_on_its_row(render, values: dict[str, str]) -> None:
    readings = read_settings(await render("tempting.html", values), TEMPTING)
    got = by_key(readings)
    # YouTube History shows no value: the "Shorts history" value on the next row is not taken
    assert got["youtube_history"].value is None and got["youtube_history"].uncertain
    assert got["youtube_history"].label_found == "YouTube History"
    assert_read(readings, {
        "web_app_activity": values["web_app_activity"],  # not the indented sub-setting's switch
        "search_history": values["search_history"].lower(),  # two settings on one row
        "location_activity": values["location_activity"].lower(),
        "personalized_ads": values["personalized_ads"],  # a heading repeats the label
        "future_posts_audience": AUDIENCE[values["future_posts_audience"]],  # value under the label
        "friend_requests": AUDIENCE[values["friend_requests"]],
    })


@pytest.mark.browser
async def test_faint_blurred_values_come_out_uncertain_not_wrong(render) -> None:
    targets = [words("search_history", "Search history", ON_OFF),
               words("future_posts_audience", "Who can see your future posts?", AUDIENCE),
               toggle("location_activity", "Location activity"),
               toggle("web_app_activity", "Web & App Activity")]
    readings = read_settings(await render("blurred.html"), targets)
    for reading in readings:
        assert reading.label_found is not None, reading  # the labels are crisp...
        assert reading.uncertain, reading  # ...their values are not
        assert reading.confidence < 0.7


@pytest.mark.browser
async def test_a_label_not_on_the_page_is_reported_as_not_found(render) -> None:
    png = await render("toggles.html")
    [reading] = read_settings(png, [toggle("partner_ads", "Activity information from ad partners")])
    assert reading.value is None and reading.uncertain and reading.label_found is None
    assert "label not found" in reading.detail


def test_bytes_that_are_not_an_image_get_a_clear_error() -> None:
    with pytest.raises(InvalidInput, match="not a readable image"):
        read_settings(b"<html>not a png</html>", TOGGLES)
