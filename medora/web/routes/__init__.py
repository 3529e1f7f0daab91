"""One router per kind of response: the JSON API, the pages, the API docs."""
