import os

import pytest

# Playwright's sync API runs an event loop in this thread; the Django test database calls made next to it
# are still synchronous, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# Installed in every document before its own scripts (Playwright's init scripts are not subject to the page's
# policy): each Content-Security-Policy violation is reported to the test, which fails on any.
WATCH_POLICY = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__policyViolation(`${e.effectiveDirective} refused ${e.blockedURI || "inline code"}`
    + ` on ${e.documentURI} (${e.sourceFile || "?"}:${e.lineNumber}) ${e.sample || ""}`);
}, true);
"""
# A test's own page.wait_for_function must be given a function ("() => ..."): Playwright evaluates an
# expression string with eval while it polls, which the policy refuses (script-src ... eval, no source file).
# What Chromium writes to the console when a policy refuses something or names an unknown feature.
POLICY_MESSAGES = (
    "Content Security Policy",
    "Content-Security-Policy",
    "Permissions-Policy",
    "Permissions policy",
)


@pytest.fixture
def policy_violations() -> list[str]:
    """What the policy refused during the test (the ``page`` fixture fails the test unless it is empty)."""
    return []


@pytest.fixture
def page(browser, policy_violations):
    """A browser page with the app's Content-Security-Policy enforced: a violation fails the test."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    violations = policy_violations
    context.expose_function("__policyViolation", lambda text: violations.append(text))
    context.add_init_script(WATCH_POLICY)

    def watch_console(message):
        if message.type in ("error", "warning") and any(m in message.text for m in POLICY_MESSAGES):
            violations.append(f"console: {message.text}")

    context.on("page", lambda new: new.on("console", watch_console))
    page = context.new_page()
    page.set_default_timeout(30000)  # generous: CI machines are shared and noisy
    yield page
    context.close()
    assert not violations, "the page broke its Content-Security-Policy:\n" + "\n".join(
        dict.fromkeys(violations)
    )
