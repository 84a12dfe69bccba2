"""The statistics domain: national aggregates, KPIs and the disclosure control on every published figure."""
