"""dyadwatch: an evidence-linked picture of the relations between countries, from news articles."""

__version__ = "0.2.1"
