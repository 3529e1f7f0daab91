"""The editorial review workflow: the pure state machine, anchors in an article, the workflow over the store,
version diffs and living evidence."""
