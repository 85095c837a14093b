"""Build-time renderers of the protocol: DOT source for Graphviz, the Markdown of the site's pages,
the poster, the training pages and the quiz. They run only in the build; the browser gets protocol/.
"""
