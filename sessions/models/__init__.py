from .documents import SessionDocument
from .interpellations import Commitment, Interpellation, InterpellationAnswer
from .meetings import AgendaItem, Session, Sitting, Speech
from .resolutions import Resolution, ResolutionTask, Vote

__all__ = [
    "AgendaItem",
    "Commitment",
    "Interpellation",
    "InterpellationAnswer",
    "Resolution",
    "ResolutionTask",
    "Session",
    "SessionDocument",
    "Sitting",
    "Speech",
    "Vote",
]
