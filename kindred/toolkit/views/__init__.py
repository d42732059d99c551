"""The toolkit's pages, one module per tool; ``common`` holds what every page shares."""
