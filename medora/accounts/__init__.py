"""User accounts: password hashing, adding and listing users, signing in (throttled) and sessions."""
