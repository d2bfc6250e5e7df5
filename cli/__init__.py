"""The `loopwho` command line: the outermost room (nothing imports it)."""
