"""Workflows as tables: a record that moves through states declares its transitions once.

Each transition names the states it starts from, its form, its service, who may run it and the title its
form shows under. The three layers read that one declaration:

- the **service** guards with ``WORKFLOW.guard(record, "transfer")`` before it changes anything, so a
  transition refused by the table is refused whatever calls it (a view, an import, the admin, a task);
- the **view** shows the forms of ``WORKFLOW.available(user, record)`` and dispatches a POST with
  ``WORKFLOW.run(name, user, record, data)``: no per-state ``if`` chain;
- the **template** loops over the forms it is given, each under its transition's title.

A record whose page moves it with one form where the user chooses the next state (an oversight activity,
a letter) declares a transition per state it may reach, each with its ``target``: the form's choices are
``WORKFLOW.targets(record)`` and the service guards with ``WORKFLOW.guard_move(record, to)``.

Forms and services are named by dotted path and imported when used, so a service module can import its
record's workflow to guard without importing the views' forms (no import cycle).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Transition:
    name: str  # the action's slug in URLs and forms ("classify")
    title: str  # the heading of its form (lazy translated)
    sources: frozenset  # the states it may start from
    form: str  # dotted path of the form class
    service: str  # dotted path of the service: service(record, actor=user, **cleaned_data)
    permission: Callable  # (user, record) -> bool
    refusal: str = ""  # why it cannot run from the record's state (lazy; may name it as %(state)s)
    initial: Callable | None = None  # record -> the unbound form's initial values
    form_kwargs: Callable | None = None  # (record, council) -> extra keyword arguments of the form
    ready: Callable | None = None  # record -> bool: a condition besides the state (an answer to review)
    listed: bool = True  # shown among the page's action forms (False: the page has its own place for it)
    target: str | None = None  # the state it leads to, for a move whose next state the form chooses

    def form_class(self):
        return import_string(self.form)

    def build_form(self, record, council, data=None, files=None):
        kwargs = self.form_kwargs(record, council) if self.form_kwargs else {}
        if data is not None:
            return self.form_class()(data, files, **kwargs)
        return self.form_class()(initial=self.initial(record) if self.initial else None, **kwargs)


@dataclass
class Workflow:
    """The transitions of one kind of record, keyed by name, over its ``state_field``."""

    transitions: list[Transition]
    state_field: str = "state"
    move_refusal: str = ""  # why a move to a chosen state is refused (lazy; names %(state)s and %(to)s)
    _by_name: dict = field(init=False, repr=False)

    def __post_init__(self):
        self._by_name = {t.name: t for t in self.transitions}

    def __getitem__(self, name: str) -> Transition:
        return self._by_name[name]

    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    def allows(self, record, name: str) -> bool:
        """Whether the record's state (and any condition besides it) lets the transition run."""
        transition = self[name]
        if getattr(record, self.state_field) not in transition.sources:
            return False
        return transition.ready is None or bool(transition.ready(record))

    def guard(self, record, name: str) -> None:
        """The service's first check: ValidationError with the transition's own reason if the record's state
        does not allow it (the service then checks its own conditions, with their own messages). The reason
        may name the state the record is in as ``%(state)s``."""
        transition = self[name]
        if getattr(record, self.state_field) not in transition.sources:
            state = self._label(record, getattr(record, self.state_field))
            raise ValidationError(transition.refusal, params={"state": state})

    def _label(self, record, state) -> str:
        try:
            choices = record._meta.get_field(self.state_field).choices
        except FieldDoesNotExist:  # a state the model computes (a follow-up is open or closed)
            return str(state)
        return dict(choices).get(state, state)

    def targets(self, record) -> list[str]:
        """The states the record may move to now, in declaration order."""
        return [t.target for t in self.transitions if t.target is not None and self.allows(record, t.name)]

    def guard_move(self, record, to: str) -> None:
        """The first check of a service whose caller chooses the next state: ValidationError with the
        workflow's ``move_refusal`` unless a transition leads from the record's state to ``to``."""
        if to not in self.targets(record):
            state = getattr(record, self.state_field)
            params = {"state": self._label(record, state), "to": self._label(record, to)}
            raise ValidationError(self.move_refusal, params=params)

    def available(self, user, record) -> list[Transition]:
        """The transitions this user may run on the record now, in declaration order."""
        return [t for t in self.transitions if self.allows(record, t.name) and t.permission(user, record)]

    def forms(self, user, record, council) -> list:
        """The available transitions the page lists, each with its unbound form, in declaration order. Each
        form's fields have ids of their own (``action-<transition>-<field>``), so no page repeats an id."""
        listed = []
        for transition in self.available(user, record):
            if transition.listed:
                form = transition.build_form(record, council)
                if form.auto_id == "id_%s":  # Django's default: not chosen by the form
                    form.auto_id = f"action-{transition.name}-%s"
                listed.append((transition, form))
        return listed

    def run(self, name: str, user, record, cleaned_data: dict):
        """Call the transition's service as ``user``."""
        return import_string(self[name].service)(record, actor=user, **cleaned_data)
