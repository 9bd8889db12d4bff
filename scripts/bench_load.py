"""Drive a running server with a realistic mix of pages for a fixed time and report latencies per page.

Stdlib only (threads and http.client), so it runs on its own core without the app's imports. Usage:
    bench_load.py BASE_URL SECONDS CONCURRENCY PAGES_JSON QUERIES_JSON
PAGES_JSON maps a page name to [username or "", path, weight] or [username, path, weight, "form"]: a form page
is fetched and then posted (a petition with a title, a text and today's date), and its GET and its POST are
reported as two rows ("<name> GET", "<name> POST"). Pages whose name contains "dashboard" or "search" make the
last line's figures (the largest of each).
"""

import http.client
import json
import random
import re
import statistics
import sys
import threading
import time
import urllib.parse
from collections import defaultdict

BASE, SECONDS, CONCURRENCY = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
PAGES, QUERIES = json.loads(sys.argv[4]), json.loads(sys.argv[5])
PASSWORD = sys.argv[6] if len(sys.argv) > 6 else "bench2026"
HOST = urllib.parse.urlsplit(BASE).netloc
# The server runs with production settings behind a TLS proxy: say so, as the proxy would.
HEADERS = {"X-Forwarded-Proto": "https", "Host": HOST.split(":")[0]}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """One user: a connection, cookies and the CSRF token."""

    def __init__(self):
        self.conn = http.client.HTTPConnection(HOST, timeout=60)
        self.cookies = {}

    def request(self, method, path, body=None):
        headers = dict(HEADERS)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{HEADERS['Host']}{path}"
            body = urllib.parse.urlencode(body)
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, timeout=60)
            raise
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return response.status, data.decode("utf-8", "replace")

    def log_in(self, username):
        _status, page = self.request("GET", "/accounts/login/")
        token = TOKEN.search(page).group(1)
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        )
        if status != 302:
            raise SystemExit(f"bench: cannot log in as {username} (status {status})")


def post_form(browser, path, n, record):
    """GET the form, then POST a petition: each timed and recorded on its own."""
    started = time.perf_counter()
    status, page = browser.request("GET", path)
    record("GET", status, started)
    if status != 200:
        return
    token = TOKEN.search(page).group(1)
    started = time.perf_counter()
    status, _ = browser.request(
        "POST",
        path,
        {
            "csrfmiddlewaretoken": token,
            "title": f"Kiến nghị đo tải {n}",
            "text": "Cử tri đề nghị sửa đường liên ấp.",
            "received_on": time.strftime("%d/%m/%Y"),
        },
    )
    record("POST", 200 if status in (200, 302) else status, started)


def rows():
    """The names of the report's rows, in the pages' order (a form page makes two)."""
    return [
        n for name, spec in PAGES.items() for n in ([f"{name} GET", f"{name} POST"] if spec[3:] else [name])
    ]


def run():
    names = list(PAGES)
    weights = [PAGES[n][2] for n in names]
    samples, errors, stop = defaultdict(list), defaultdict(int), threading.Event()
    lock = threading.Lock()

    def user(index):
        rng = random.Random(index)
        browsers = {}
        n = 0
        while not stop.is_set():
            name = rng.choices(names, weights)[0]
            username, path, *_rest = PAGES[name]
            if username not in browsers:
                browsers[username] = Browser()
                if username:
                    browsers[username].log_in(username)
            browser = browsers[username]

            def record(suffix, status, started, name=name):
                elapsed = (time.perf_counter() - started) * 1000
                key = f"{name} {suffix}" if suffix else name
                with lock:
                    if status == 200:
                        samples[key].append(elapsed)
                    else:
                        errors[key] += 1

            started = time.perf_counter()
            try:
                if PAGES[name][3:]:
                    n += 1
                    post_form(browser, path, f"{index}-{n}", record)
                else:
                    status, _ = browser.request("GET", path)
                    record("", status, started)
            except (http.client.HTTPException, OSError):
                record("", 0, started)

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(CONCURRENCY)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    time.sleep(SECONDS)
    stop.set()
    for t in threads:
        t.join(timeout=90)
    return samples, errors, time.perf_counter() - started


def pct(values, p):
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")
    )


def main():
    samples, errors, elapsed = run()
    base = statistics.median(samples["healthz"]) if samples["healthz"] else float("nan")
    width = max(len(n) for n in rows()) + 2
    print(
        f"{'page':<{width}}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'req/s':>8}{'errors':>8}{'p50/healthz':>13}{'queries':>9}"
    )
    ratios = {}
    for name in rows():
        values = samples[name]
        p50 = statistics.median(values) if values else float("nan")
        ratios[name] = p50 / base if base else float("nan")
        queries = QUERIES.get(
            name, QUERIES.get(name.rsplit(" ", 1)[0], "—") if name.endswith(" GET") else "—"
        )
        print(
            f"{name:<{width}}{len(values):>7}{p50:>9.1f}{pct(values, 95):>9.1f}{pct(values, 99):>9.1f}"
            f"{len(values) / elapsed:>8.1f}{errors[name]:>8}{ratios[name]:>13.1f}{queries!s:>9}"
        )
    worst = max((r for n, r in ratios.items() if n != "healthz"), default=float("nan"))
    dashboard = max((r for n, r in ratios.items() if "dashboard" in n), default=float("nan"))
    search_p95 = max((pct(samples[n], 95) for n in rows() if "search" in n), default=float("nan"))
    print(f"duration {elapsed:.0f} s, {CONCURRENCY} concurrent users")
    print(
        f"bench: dashboard/healthz p50 = {dashboard:.1f}, worst page/healthz p50 = {worst:.1f}, "
        f"errors = {sum(errors.values())}, search p95 = {search_p95:.0f} ms"
    )


if __name__ == "__main__":
    main()
