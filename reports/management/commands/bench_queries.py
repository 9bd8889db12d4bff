"""Print, as JSON, the SQL queries each benchmarked page runs (in-process, against the bench data set)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from council.models import User
from reports import bench


class Command(BaseCommand):
    help = "Run each page of the benchmark once as its user and print {page: queries} as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--pages", required=True, help="JSON: {name: [username, path]}")

    def handle(self, *args, pages: str, **options):
        if not bench.loaded(bench.Scale(councils=2, years=1)):
            raise CommandError("Load the bench data set first (manage.py seed_bench).")
        result = {}
        for name, (username, path) in json.loads(pages).items():
            client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
            if username:
                client.force_login(User.objects.get(username=username))
            client.get(path)  # the first view of a dashboard window stores its rows: measure the steady state
            with CaptureQueriesContext(connection) as ctx:
                status = client.get(path).status_code
            if status != 200:
                raise CommandError(f"{path} answered {status} for {username}")
            result[name] = len(ctx.captured_queries)
        self.stdout.write(json.dumps(result))
