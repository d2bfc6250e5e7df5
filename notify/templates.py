"""The e-mails, each as HTML and plain text.

Everything that comes from outside (labels and values read from web pages, policy text, model
output, names) is HTML-escaped, and only http(s) links become ``href``s.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import datetime
from html import escape
from typing import Any
from urllib.parse import urlsplit

import msgspec

from core.types import AnalysisResult, ChangeEvent
from notify.language import in_language, t

PLATFORM_NAMES = {"google": "Google", "facebook": "Facebook", "microsoft": "Microsoft"}
_IMPACT_ORDER = {"high": 0, "medium": 1, "low": 2}
_IMPACT_COLOUR = {"high": "#b3261e", "medium": "#8a5a00", "low": "#2e6b30"}
MAX_RECOMMENDATIONS = 5
_PRE_STYLE = "white-space:pre-wrap;font-size:12px;background:#f4f4f4;padding:6px"


class Recipient(msgspec.Struct, kw_only=True, frozen=True):
    email: str
    name: str = ""
    user_id: str = ""
    unsubscribe_url: str = ""  # one click, no sign-in (notify.unsubscribe); shown in every footer
    language: str = "en"  # the e-mail's language (notify.language: en, de)


class Email(msgspec.Struct, kw_only=True, frozen=True):
    subject: str
    html: str
    text: str


class DigestItem(msgspec.Struct, kw_only=True, frozen=True):
    platform: str
    changes: list[ChangeEvent]
    analysis: AnalysisResult | None = None


def platform_name(platform: str) -> str:
    return PLATFORM_NAMES.get(platform, platform.capitalize())


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _show(value: Any) -> str:
    return str(value).replace("_", " ")


def _link(url: str, text: str) -> str:
    """An anchor for http(s) URLs; anything else (javascript:, data:) is shown as plain text."""
    if url.lower().startswith(("https://", "http://")):
        return f'<a href="{_e(url)}">{_e(text)}</a>'
    return _e(text)


def _in_users_language(render: Callable[..., Email]) -> Callable[..., Email]:
    """Render the e-mail in ``user.language`` (the first argument); English by default."""
    @functools.wraps(render)
    def rendered(user: Recipient, *args: Any, **kwargs: Any) -> Email:
        with in_language(user.language):
            return render(user, *args, **kwargs)
    return rendered


def _greeting(user: Recipient) -> str:
    return t("Hi %(name)s,") % {"name": user.name} if user.name else t("Hi,")


def _page(title: str, body: list[str], footer: str) -> str:
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>' + _e(title) + "</title></head>"
        '<body style="font-family:Arial,Helvetica,sans-serif;color:#1f1f1f;max-width:640px;margin:auto">'
        + "".join(body)
        + f'<p style="color:#666;font-size:12px">{footer}</p></body></html>'
    )


def _sorted_changes(changes: Sequence[ChangeEvent]) -> list[ChangeEvent]:
    return sorted(
        changes, key=lambda c: (_IMPACT_ORDER.get(c.impact_level, 1), str(c.change_data.get("key", "")))
    )


def _explanations(analysis: AnalysisResult | None) -> dict[str, str]:
    if analysis is None:
        return {}
    found: dict[str, str] = {}
    for e in analysis.explanations:
        before = found.get(e.setting_key)
        found[e.setting_key] = f"{before} {e.explanation}" if before else e.explanation
    return found


def _change_parts(change: ChangeEvent, explained: dict[str, str]) -> tuple[str, str]:
    """One change as (HTML list item, text lines)."""
    data = change.change_data
    impact = change.impact_level
    colour = _IMPACT_COLOUR.get(impact, "#444")
    impact_words = t("%(impact)s impact") % {"impact": t(impact)}
    badge = f'<span style="color:{colour};font-weight:bold">{_e(impact_words)}</span>'
    if change.change_type == "setting_changed":
        label = data.get("label") or data.get("key", "")
        old, new = _show(data.get("old", "")), _show(data.get("new", ""))
        why = explained.get(str(data.get("key", "")), "")
        where = str(data.get("where_url") or "")
        html = (f"<li><strong>{_e(label)}</strong>: {_e(old)} &rarr; {_e(new)} ({badge})"
                + (f"<br>{_e(why)}" if why else "")
                + (f"<br>{_link(where, t('Change it here'))}" if where else "") + "</li>")
        text = f"- {label}: {old} -> {new} ({impact_words})" + (f"\n  {why}" if why else "")
        text += f"\n  {t('Change it here')}: {where}" if where else ""
        return html, text
    title = data.get("title") or data.get("policy_key", "policy")
    sections = data.get("sections") or []
    why = explained.get(str(data.get("policy_key", "")), "")
    items = "".join(
        f"<li>{_e(s.get('heading', ''))} ({_e(s.get('kind', 'changed'))})"
        f'<pre style="{_PRE_STYLE}">{_e(s.get("excerpt", ""))}</pre></li>'
        for s in sections
    )
    html = (f"<li><strong>{_e(title)}</strong> was updated ({badge}): {len(sections)} section(s)"
            + (f"<br>{_e(why)}" if why else "") + f"<ul>{items}</ul>"
            + (f"{_link(str(data['url']), t('Read the policy'))}" if data.get("url") else "") + "</li>")
    text = f"- {title} was updated ({impact_words}): " + ", ".join(
        f"{s.get('heading', '')} ({s.get('kind', 'changed')})" for s in sections
    )
    if why:
        text += f"\n  {why}"
    return html, text


def _priority(priority: str) -> str:
    return t("%(priority)s priority") % {"priority": t(priority)}


def _analysis_parts(
    analysis: AnalysisResult | None, with_recommendations: bool
) -> tuple[list[str], list[str]]:
    if analysis is None:
        return [], []
    score = int(analysis.privacy_score)
    score_words = t("Privacy score: %(score)s/100.") % {"score": score}
    html = [f"<p><strong>{_e(score_words)}</strong> {_e(analysis.summary)}</p>"]
    text = [f"{score_words} {analysis.summary}"]
    recs = analysis.recommendations[:MAX_RECOMMENDATIONS] if with_recommendations else []
    if recs:
        html.append(f"<h3>{_e(t('What we recommend'))}</h3><ol>" + "".join(
            f"<li><strong>{_e(r.action)}</strong> ({_e(_priority(r.priority))}). {_e(r.why)}"
            + (f"<br>{_link(r.where, t('Where to change it'))}" if r.where else "") + "</li>"
            for r in recs
        ) + "</ol>")
        text.append(t("What we recommend") + ":")
        text += [f"{i}. {r.action} ({_priority(r.priority)}). {r.why}" + (f"\n   {r.where}" if r.where else "")
                 for i, r in enumerate(recs, start=1)]
    return html, text


def _footer(dashboard_url: str, why: str, unsubscribe_url: str = "") -> tuple[str, str]:
    parts = urlsplit(dashboard_url)
    prefs = f"{parts.scheme}://{parts.netloc}/settings#notifications" if parts.netloc else dashboard_url
    why, manage, leave = t(why), t("Manage your e-mail preferences"), t("Unsubscribe")
    html = f"{_e(why)} {_link(prefs, manage)}."
    text = f"{why} {manage}: {prefs}"
    if unsubscribe_url:
        html += f" {_link(unsubscribe_url, leave)}."
        text += f"\n{leave}: {unsubscribe_url}"
    return html, text


def _platform_block(platform: str, changes: Sequence[ChangeEvent], analysis: AnalysisResult | None,
                    with_recommendations: bool, heading_level: int) -> tuple[list[str], list[str]]:
    explained = _explanations(analysis)
    parts = [_change_parts(c, explained) for c in _sorted_changes(changes)]
    h = f"h{heading_level}"
    name = platform_name(platform)
    heading = t("%(platform)s: %(n)s change(s)") % {"platform": name, "n": len(parts)}
    html = [f"<{h}>{_e(heading)}</{h}>", "<ul>" + "".join(p[0] for p in parts) + "</ul>"]
    text = [heading, *[p[1] for p in parts]]
    a_html, a_text = _analysis_parts(analysis, with_recommendations)
    return html + a_html, text + a_text


@_in_users_language
def render_change_email(
    user: Recipient,
    platform: str,
    changes: Sequence[ChangeEvent],
    analysis: AnalysisResult | None,
    dashboard_url: str,
    *,
    with_recommendations: bool = True,
) -> Email:
    name = platform_name(platform)
    high = sum(1 for c in changes if c.impact_level == "high")
    subject = t("Privacy settings changed on %(platform)s - %(n)s update(s) detected") % {
        "platform": name, "n": len(changes)}
    if high:
        subject = t("[Action needed] %(subject)s") % {"subject": subject}
    noticed = t("loopwho noticed changes in your %(platform)s privacy settings.") % {"platform": name}
    open_it = t("Open your dashboard")
    block_html, block_text = _platform_block(platform, changes, analysis, with_recommendations, 2)
    foot_html, foot_text = _footer(dashboard_url, "You get this e-mail because change alerts are on.",
                                   user.unsubscribe_url)
    html = _page(subject, [f"<p>{_e(_greeting(user))}</p>", f"<p>{_e(noticed)}</p>",
                           *block_html, f"<p>{_link(dashboard_url, open_it)}</p>"], foot_html)
    text = "\n\n".join([_greeting(user), noticed, *block_text, f"{open_it}: {dashboard_url}", foot_text]) + "\n"
    return Email(subject=subject, html=html, text=text)


@_in_users_language
def render_digest(
    user: Recipient, items: Sequence[DigestItem], dashboard_url: str, *, with_recommendations: bool = True
) -> Email:
    total = sum(len(i.changes) for i in items)
    platforms = sorted({i.platform for i in items})
    subject = t("Your loopwho digest: %(n)s privacy change(s) on %(platforms)s platform(s)") % {
        "n": total, "platforms": len(platforms)}
    intro, open_it = t("Here is what changed since your last digest."), t("Open your dashboard")
    html_body = [f"<p>{_e(_greeting(user))}</p>", f"<p>{_e(intro)}</p>"]
    text_body = [_greeting(user), intro]
    for item in sorted(items, key=lambda i: i.platform):
        b_html, b_text = _platform_block(item.platform, item.changes, item.analysis, with_recommendations, 2)
        html_body += b_html
        text_body += b_text
    foot_html, foot_text = _footer(dashboard_url, "You get this digest because you chose digest e-mails.",
                                   user.unsubscribe_url)
    html_body.append(f"<p>{_link(dashboard_url, open_it)}</p>")
    text_body += [f"{open_it}: {dashboard_url}", foot_text]
    html = _page(subject, html_body, foot_html)
    return Email(subject=subject, html=html, text="\n\n".join(text_body) + "\n")


@_in_users_language
def render_reconnect_email(user: Recipient, platform: str, reconnect_url: str) -> Email:
    name = platform_name(platform)
    subject = t("Reconnect %(platform)s: loopwho can no longer see your privacy settings") % {"platform": name}
    lines = [
        t("Your %(platform)s session has expired or was signed out, so loopwho stopped checking your "
          "%(platform)s privacy settings.") % {"platform": name},
        t("Open the loopwho extension while signed in to reconnect; it takes one click."),
    ]
    again = t("Reconnect %(platform)s") % {"platform": name}
    foot_html, foot_text = _footer(reconnect_url, "You get this e-mail because scan alerts are on.",
                                   user.unsubscribe_url)
    html = _page(subject, [f"<p>{_e(_greeting(user))}</p>", *[f"<p>{_e(line)}</p>" for line in lines],
                           f"<p>{_link(reconnect_url, again)}</p>"], foot_html)
    text = "\n\n".join([_greeting(user), *lines, f"{again}: {reconnect_url}", foot_text]) + "\n"
    return Email(subject=subject, html=html, text=text)


@_in_users_language
def render_scan_failed_email(user: Recipient, platform: str, reason: str, dashboard_url: str) -> Email:
    name = platform_name(platform)
    subject = t("We could not check your %(platform)s privacy settings") % {"platform": name}
    lines = [t("loopwho's latest check of your %(platform)s privacy settings did not finish.") % {"platform": name},
             t("What happened: %(reason)s") % {"reason": reason},
             t("We will try again at the next scheduled scan; no action is needed unless this repeats.")]
    open_it = t("Open your dashboard")
    foot_html, foot_text = _footer(dashboard_url, "You get this e-mail because scan alerts are on.",
                                   user.unsubscribe_url)
    html = _page(subject, [f"<p>{_e(_greeting(user))}</p>", *[f"<p>{_e(line)}</p>" for line in lines],
                           f"<p>{_link(dashboard_url, open_it)}</p>"], foot_html)
    text = "\n\n".join([_greeting(user), *lines, f"{open_it}: {dashboard_url}", foot_text]) + "\n"
    return Email(subject=subject, html=html, text=text)


def render_pack_degraded_email(platform: str, since: datetime, reason: str, public_url: str) -> Email:
    """To the operators, once per degraded episode of a platform's selector pack."""
    name = platform_name(platform)
    subject = f"[loopwho ops] {name} selector pack degraded"
    text = (f"The {name} selector pack is degraded since {since:%Y-%m-%d %H:%M UTC}.\n\n"
            f"{reason}\n\nScans of {name} are held back from diffing: no user gets a change alert "
            f"from them until the platform is healthy again.\n\nWhat to do: write a new pack, then\n"
            f"  loopwho packs validate PATH\n  loopwho packs dry-run PATH --platform {platform}\n"
            f"  loopwho packs publish PATH\n  loopwho packs activate {platform} VERSION --canary 50\n\n"
            f"Health: {public_url.rstrip('/')}/api/operator/packs/health\n")
    html = "<p>" + "</p><p>".join(escape(part).replace("\n", "<br>") for part in text.split("\n\n")) + "</p>"
    return Email(subject=subject, html=html, text=text)
