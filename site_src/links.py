"""The only links that leave the site: a person clicks them; the built pages never load them.

tests/test_site_privacy.py fails on any other address of another origin in the built site.
"""

from __future__ import annotations

EXTERNAL_LINKS = (
    "https://www.rijksoverheid.nl/onderwerpen/huiselijk-geweld/meldcode",
    "https://veiligthuis.nl/",
)
# Links that open an app on the device (phone, mail), not a web request.
LOCAL_SCHEMES = ("tel:", "mailto:")
