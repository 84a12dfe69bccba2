"""Catalogue queries."""

from __future__ import annotations

import strawberry

from api.catalogues import rules as rules
from api.graphql.info import Info
from api.reference.types import LocalizedText

strawberry.enum(rules.CatalogueName, name="CatalogueName", description="The catalogues a client may ask for.")


@strawberry.type(description="A code with its labels in French, Arabic and English.")
class CatalogueItem:
    code: str
    label: LocalizedText


@strawberry.type(description="A fixed list of codes (versioned for offline caching).")
class Catalogue:
    name: rules.CatalogueName
    version: str
    items: list[CatalogueItem]


@strawberry.type
class CatalogueQueries:
    @strawberry.field(description="The catalogues of codes (exploitation forms, means of control, service "
                                  "categories, decline reasons, consent purposes, labour sectors) with fr/ar/en "
                                  "labels; all of them unless some are named.")
    def catalogues(self, info: Info, names: list[rules.CatalogueName] | None = None) -> list[Catalogue]:
        """The catalogues of codes with fr/ar/en labels."""
        wanted = [rules.CatalogueName(n) for n in names] if names else None
        return [Catalogue(name=name, version=version,
                          items=[CatalogueItem(code=i["code"], label=LocalizedText(
                              fr=i["labels"].get("fr", ""), ar=i["labels"].get("ar", ""),
                              en=i["labels"].get("en", ""))) for i in items])
                for name, version, items in rules.catalogues(info.context.scope, wanted)]
