"""Pages of delegates: the records and their positions (``delegates``), and delegate work (``work``)."""
