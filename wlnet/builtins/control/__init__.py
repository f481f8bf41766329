"""Control and the session: control flow, iterators, scoping, assignment, and the
builtins about the session itself (Print, messages, history, Get, Information)."""
