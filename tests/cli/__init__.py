"""CLI tests (a package, so their module names cannot collide with tests elsewhere, e.g. test_events)."""
