"""What the benchmarks share: percentiles of measured times."""

import statistics


def percentile(values, q):
    """The ``q``-th percentile (1–99) of ``values``, interpolated between the closest ranks."""
    values = list(values)
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]
