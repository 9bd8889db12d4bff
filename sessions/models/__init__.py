from .meetings import AgendaItem, Session, Sitting, Speech

__all__ = ["AgendaItem", "Session", "Sitting", "Speech"]
