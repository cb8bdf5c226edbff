"""What the tests read back from PostgreSQL's catalogue."""

from django.db import connection


def customer_index_names() -> set[str]:
    """The names of the indexes the customer table has now."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'customers_customer'")
        return {name for (name,) in cursor.fetchall()}
