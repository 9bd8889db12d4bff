from .permissions import councils_for

SESSION_KEY = "current_council_id"


class CurrentCouncilMiddleware:
    """Attach the council the user is working in (``request.council``) and the councils they may switch to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.council = None
        request.user_councils = []
        if request.user.is_authenticated:
            # Provinces first: a provincial officer who also serves a commune starts in the province.
            councils = sorted(councils_for(request.user), key=lambda c: (c.level != c.Level.PROVINCE, c.name))
            wanted = request.session.get(SESSION_KEY)
            request.user_councils = councils
            request.council = next((c for c in councils if c.pk == wanted), councils[0] if councils else None)
        return self.get_response(request)
