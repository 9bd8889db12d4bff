"""The browser enforces the app's Content-Security-Policy, and the browser tests see every violation."""

import pytest

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

INJECT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.injectedRan = true";
  document.body.append(script);
  document.body.setAttribute("style", "color: red");
}"""


def test_inline_script_and_style_are_refused_and_reported(live_server, page, policy_violations):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.evaluate("typeof htmx") == "object"  # the site's own scripts run
    assert not policy_violations

    page.evaluate(INJECT)
    for _ in range(50):  # the events and the console messages arrive on their own
        events = [v for v in policy_violations if not v.startswith("console: ")]
        if len(events) >= 2 and len(policy_violations) - len(events) >= 2:
            break
        page.wait_for_timeout(100)

    assert page.evaluate("window.injectedRan") is None
    directives = {v.split(" ")[0] for v in policy_violations}
    assert {"script-src-elem", "style-src-attr"} <= directives, policy_violations
    policy_violations.clear()  # seen: this test's violations were on purpose
