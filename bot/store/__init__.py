"""The database: models, store functions (keyword-only, small), migrations."""
