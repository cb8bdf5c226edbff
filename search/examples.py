"""The sample questions offered on the search page and in the API docs."""

SAMPLE_QUERIES = [
    (
        "Nearing retirement, wealth management",
        "Find high-income professionals nearing retirement who might be interested in wealth "
        "management services",
    ),
    (
        "Young professionals, premium cards",
        "Young professionals with good credit scores who might qualify for premium credit cards",
    ),
    (
        "High credit, investing",
        "Customers with credit score over 750 interested in investment products",
    ),
]
