"""Reading the project's own source in tests that check its shape (layering, imports, one table writer)."""

import ast


def parse(source: str) -> ast.Module:
    """``ast.parse``, tried again when CPython 3.11 reports its AST constructor raced.

    Python 3.11 parses source lines with ``ast`` while formatting a traceback, and its AST constructor keeps
    one recursion counter per interpreter (CPython gh-106905, fixed in 3.12): a traceback logged by a
    background thread at the same moment (a Celery result backend reconnecting, in ``make test-full``) makes
    ``ast.parse`` here raise ``SystemError: AST constructor recursion depth mismatch``. A real syntax problem
    raises ``SyntaxError`` and is not retried.
    """
    for attempt in range(3):
        try:
            return ast.parse(source)
        except SystemError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")
