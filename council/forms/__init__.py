"""Forms of the core: ``base`` (the plumbing every app's forms use), ``reference`` (reference data),
``followups`` (the follow-up pages)."""
