"""Renderers of the protocol: DOT source for Graphviz, and the Markdown of the site's pages.

Standard library only, like the rest of the package; running Graphviz happens in site_src/.
"""
