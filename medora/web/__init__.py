"""Medora on the web: the FastAPI app, its routers, templates and static files."""
