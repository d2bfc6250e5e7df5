"""The browser pool, the scan runner, the selector-pack interpreter and the fallback chain."""
