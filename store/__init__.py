"""PostgreSQL schema, migrations and repositories (asyncpg), and blob storage (local folder or S3/R2)."""
