"""The `kg` command and the settings every part of the product shares."""
