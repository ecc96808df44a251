"""`generate_data`: see `story`."""
from .story import *  # noqa: F403
