"""The store: saved scenarios with their versions, links, drafts, organisations and the audit trail, in a database.

- database.py: the connection (SQLite by default, PostgreSQL by COSTMODEL_DATABASE_URL), transactions, upgrades;
- tables.py: the tables; migrations/: Alembic's migrations that create and change them;
- members.py: organisations, members, roles and the access check every other module asks;
- scenarios.py: saved scenarios and their versions (never overwritten), statuses and restore;
- links.py: links (uploads and shared versions) and the editor's drafts;
- files.py: the import of files saved before the database.
"""
