"""Pages of reports: the ``home`` page, ``delegates`` (group activity, evaluations) and ``reports``
(scorecard, dashboard, figures, periodic reports)."""
