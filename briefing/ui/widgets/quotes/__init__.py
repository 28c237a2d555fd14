"""Widgets of the quote search screen: the query box, the result list, the quote detail."""
