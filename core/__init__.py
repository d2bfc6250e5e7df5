"""Settings, logging, crypto and the msgspec types that cross rooms."""
