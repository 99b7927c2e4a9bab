"""dyadwatch: an evidence-linked picture of the relations between countries, from news articles."""

__version__ = "0.3.0"
