from .documents import SessionDocument
from .interpellations import Commitment, Interpellation, InterpellationAnswer
from .meetings import AgendaItem, Session, Sitting, Speech
from .quality import ResolutionQualityEvent
from .resolutions import DelegateVote, Resolution, ResolutionTask, Vote

__all__ = [
    "AgendaItem",
    "Commitment",
    "DelegateVote",
    "Interpellation",
    "InterpellationAnswer",
    "Resolution",
    "ResolutionQualityEvent",
    "ResolutionTask",
    "Session",
    "SessionDocument",
    "Sitting",
    "Speech",
    "Vote",
]
