"""Accessibility of the public pages in a real browser: axe-core (WCAG 2.1 A and AA rules) on
every page type in both languages, and the keyboard path a reader without a mouse takes (the skip
link first, then into the main content; the main navigation reachable with a visible focus)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")

# One page of each public type, in each language the demo has it in. (name, path, status)
PAGES = [
    ("home", "/", 200),
    ("plan index", "/ke-hoach/", 200),
    ("plan", "/ke-hoach/ke-hoach-binh-dang-gioi-2026/", 200),
    ("campaign index", "/chien-dich/", 200),
    ("campaign", "/chien-dich/ngay-quoc-te-phu-nu-8-3-2026/", 200),
    ("news index", "/tin-tuc/", 200),
    ("news item", "/tin-tuc/tuan-le-ton-vinh-phu-nu-8-3/", 200),
    ("search with hits", "/search/?q=binh+dang", 200),
    ("404", "/khong-co-trang-nay/", 404),
    ("home (en)", "/en/", 200),
    ("plan index (en)", "/en/plans/", 200),
    ("plan (en)", "/en/plans/gender-equality-plan-2026/", 200),
    ("campaign index (en)", "/en/campaigns/", 200),
    ("campaign (en)", "/en/campaigns/international-womens-day-2026/", 200),
    ("news index (en)", "/en/news/", 200),
    ("news item (en)", "/en/news/thank-you-letters-8-march/", 200),
    ("search with hits (en)", "/en/search/?q=gender+equality", 200),
    ("404 (en)", "/en/no-such-page/", 404),
]


# The elements sticking out past the right edge of the screen, when the page scrolls sideways.
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .slice(0, 5)
        .map((el) => el.outerHTML.slice(0, 120));
}"""


def describe(violations):
    """Every violation with its nodes, as a reader of the failure needs them."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend(f"      {line}" for line in summary.splitlines())
    return "\n".join(lines)


@pytest.mark.parametrize("width,height", [(390, 844), (1366, 900)], ids=["phone", "desktop"])
def test_public_pages_have_no_serious_axe_violations(demo, live_server, new_page, width, height):
    axe = Axe()
    page = new_page(width=width, height=height)
    found = {}
    wide = {}
    for name, path, status in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == status, f"{name}: {path} answered {response.status}"
        if status == 200 and "search" in name:
            assert page.locator(".results > li").count() > 0, f"{name}: no hits at {path}"
        # Reflow (WCAG 1.4.10): nothing wider than the screen, so no sideways scrolling.
        overflow = page.evaluate(OVERFLOW)
        if overflow:
            wide[f"{name} {path}"] = overflow
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        violations = results.response["violations"]
        if violations:
            found[f"{name} {path}"] = violations

    report = "\n".join(f"{where}:\n{describe(v)}" for where, v in found.items())
    if report:
        print(f"axe violations ({width}x{height}):\n{report}")
    blocking = {
        where: [v for v in violations if v["impact"] in BLOCKING]
        for where, violations in found.items()
    }
    blocking = {where: v for where, v in blocking.items() if v}
    assert not blocking, (
        "serious or critical axe violations (WCAG 2.1 AA):\n"
        + "\n".join(f"{where}:\n{describe(v)}" for where, v in blocking.items())
        + (f"\n\nAll violations found:\n{report}")
    )


# What has the keyboard focus, and how it shows: its text against the background actually behind
# it (the first opaque one up the tree), which must stay readable while focused.
FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const rgb = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
        const channel = (c) => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    let behind = el;
    let background = rgb(getComputedStyle(behind).backgroundColor);
    while ((background.length === 4 && background[3] === 0) && behind.parentElement) {
        behind = behind.parentElement;
        background = rgb(getComputedStyle(behind).backgroundColor);
    }
    if (background.length === 4 && background[3] === 0) background = [255, 255, 255];
    const pair = [luminance(rgb(style.color)), luminance(background)];
    const [light, dark] = pair.sort((a, b) => b - a);
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(),
        className: String(el.className),
        text: (el.textContent || el.value || "").trim().slice(0, 40),
        href: el.getAttribute("href"),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
            && !/rgba\\(.*, 0\\)$/.test(style.outlineColor),
        shadow: style.boxShadow !== "none",
        background: style.backgroundColor,
        contrast: (light + 0.05) / (dark + 0.05),
        inNav: !!el.closest("nav.main-nav"),
        inHeader: !el.closest("main") && !el.closest("footer"),
        visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
    };
}"""


def focused(page):
    """What has the keyboard focus (see FOCUSED)."""
    return page.evaluate(FOCUSED)


def assert_visibly_focused(state):
    """On screen, marked by an outline or a shadow (the site's focus styles), and readable."""
    assert state["visible"], f"focused but off screen: {state}"
    assert state["outline"] or state["shadow"], f"no visible focus style: {state}"
    if state["tag"] == "a":  # the text of a focused link on its focus background
        assert state["contrast"] >= 4.5, f"focused text contrast {state['contrast']:.2f}: {state}"


@pytest.mark.parametrize("path", ["/chien-dich/", "/en/"])
def test_keyboard_skip_link_then_main_nav_with_visible_focus(demo, live_server, new_page, path):
    page = new_page()
    page.goto(live_server.url + path)

    # The first Tab from the top of the page lands on the skip link, shown on screen.
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["className"] == "skip-link" and first["href"] == "#main", first
    assert_visibly_focused(first)

    # Activating it moves the focus to <main>: the next Tab continues in the content.
    page.keyboard.press("Enter")
    assert focused(page)["tag"] == "main"
    assert page.evaluate("location.hash") == "#main"

    # From the top again, Tab goes through the header (language, brand, search) and reaches
    # every link of the main navigation, each visibly and readably focused.
    page.goto(live_server.url + path)
    nav_links = page.locator("nav.main-nav a")
    expected = nav_links.count()
    assert expected >= 4  # home, plans, campaigns, news
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        state = focused(page)
        if not state["inHeader"]:
            break
        assert_visibly_focused(state)
        if state["inNav"]:
            reached.append(state["href"])
    assert len(reached) == expected, f"the keyboard reached {reached} of {expected} nav links"

    # And Enter on a focused nav link follows it.
    target = reached[-1]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
