## Open statistics (/donnees/statistiques).
