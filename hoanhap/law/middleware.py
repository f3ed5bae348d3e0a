from hoanhap.law.services import reading


class RuleReadingMiddleware:
    """A request reads the work calendar and the rule overrides once, however many deadlines it
    computes (a page of due items computes one per item)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with reading():
            return self.get_response(request)
