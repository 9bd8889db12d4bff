"""Pages of voters: meetings, petitions, letters and communications (``records``), the ``consolidation``
round, spreadsheet ``imports`` and the ``public`` petition pages."""
