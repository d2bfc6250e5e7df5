"""The simulated privacy-policy pages: sections of text (the simulators' own short wording), a
version that can be published anew (a note added to one section), per-request noise that
normalisation must strip, and a bot wall (403) when blocked."""

from __future__ import annotations

import html
import secrets
from datetime import UTC, datetime

from standins.platforms.catalog import PLATFORMS
from standins.platforms.state import PolicyState

# (heading, paragraphs); a published note is added to the section at CHANGED_SECTION
SECTIONS: dict[str, list[tuple[str, list[str]]]] = {
    "google": [
        (
            "Introduction",
            [
                "When you use our services, you're trusting us with your information. This policy "
                "explains what information we collect, why we collect it, and how you can update, "
                "manage, export, and delete it."
            ],
        ),
        (
            "Information Google collects",
            [
                "We collect information about the apps, browsers, and devices you use "
                "to access our services.",
                "We collect information about your activity "
                "in our services, such as terms you search for and videos you watch.",
            ],
        ),
        (
            "Why Google collects data",
            [
                "We use data to build better services, provide personalized services "
                "including content and ads, and measure performance."
            ],
        ),
        (
            "Your privacy controls",
            [
                "You can review and update activity controls, ad settings and auto-delete "
                "choices at any time in your Google Account."
            ],
        ),
        (
            "Sharing your information",
            [
                "We do not share your personal information with companies outside of "
                "Google except with your consent, for external processing, or for "
                "legal reasons."
            ],
        ),
    ],
    "facebook": [
        (
            "What is the Privacy Policy and what does it cover?",
            ["This policy explains how we collect, use and share information across Meta Products."],
        ),
        (
            "What information do we collect?",
            [
                "We collect the content you create, your connections, your "
                "activity across our Products, and information from partners.",
                "Partners share information about your activity off our "
                "Products, such as websites you visit.",
            ],
        ),
        (
            "How do we use your information?",
            [
                "We use information to personalize features and content, "
                "including ads, and to keep our Products safe."
            ],
        ),
        (
            "How is your information shared?",
            [
                "Your audience settings decide who sees what you share. We share "
                "information with partners who help us provide our Products."
            ],
        ),
        (
            "How can you manage or delete information?",
            ["You can review ad settings in Accounts Center and delete your account at any time."],
        ),
    ],
    "microsoft": [
        (
            "Personal data we collect",
            [
                "Microsoft collects data from you, through our interactions with you and "
                "through our products.",
                "The data we collect depends on the context of your interactions and the choices you make.",
            ],
        ),
        (
            "How we use personal data",
            [
                "We use data to provide and improve our products and to personalize "
                "them, including advertising."
            ],
        ),
        (
            "Reasons we share personal data",
            [
                "We share personal data with your consent or to complete any "
                "transaction or provide any product you have requested."
            ],
        ),
        (
            "How to access and control your personal data",
            ["You can access and manage your data on the privacy dashboard and in ad settings."],
        ),
        (
            "Advertising",
            [
                "Many of our products are supported by advertising. You can opt out of personalized "
                "ads in your ad settings."
            ],
        ),
    ],
}
CHANGED_SECTION = 1
TRACKING_PARAMS = "utm_source=policy&utm_medium=web&utm_campaign={r}&fbclid={r}&gclid={r}&sessionid={r}"


def policy_html(platform: str, state: PolicyState) -> str:
    """The policy page as the server sends it, with this request's noise in it."""
    title = PLATFORMS[platform].policy_title
    noise = secrets.token_hex(8)
    now = datetime.now(UTC).isoformat()
    tracking = TRACKING_PARAMS.format(r=noise)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title>",
        f"<meta name='request-id' content='{noise}'>",
        f"<script nonce='{noise}'>window.__renderedAt = '{now}';</script>",
        "<style>body{font-family:sans-serif;max-width:760px;margin:24px auto}</style></head><body>",
        f"<nav><a href='/?{tracking}'>Home</a> <a href='/terms?{tracking}'>Terms</a></nav>",
        f"<main><article><h1>{html.escape(title)}</h1>",
        f"<p class='effective'>Effective {html.escape(state.effective)}</p>",
    ]
    for index, (heading, paragraphs) in enumerate(SECTIONS[platform]):
        parts.append(f"<section><h2>{html.escape(heading)}</h2>")
        parts.extend(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        if index == CHANGED_SECTION:
            parts.extend(f"<p class='update'>{html.escape(n)}</p>" for n in state.notes)
        parts.append(f"<p><a href='/controls?{tracking}'>Learn more</a></p></section>")
    parts.append(f"<p class='rendered'>Page generated {now} · request {noise}</p>")
    parts.append(f"</article></main><footer>Session {noise}</footer></body></html>")
    return "".join(parts)


BOT_WALL_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Access Denied</title></head>
<body><main><h1>Access Denied</h1><p>We couldn't verify that you are a person and not a robot.
Please enable JavaScript and cookies, then complete the security check to continue.</p>
<div class="captcha" data-sitekey="sim">[security check]</div></main></body></html>"""
