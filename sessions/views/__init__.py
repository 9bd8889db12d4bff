"""Pages of sessions: sessions, sittings and speeches (``sessions``), ``interpellations``, ``resolutions``."""
