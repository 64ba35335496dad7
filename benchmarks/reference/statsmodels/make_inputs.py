#!/usr/bin/python3
"""Writes the fixed input series of the statsmodels reference check (issue 6, A1).

Run once; the CSV files it writes are committed and are the inputs of record. Each file has a
header `y` and one value per line (round-trip precision). Simulations use numpy's PCG64 with a
fixed seed and a burn-in of 200 values, so the same numpy version gives the same files.

    /usr/bin/python3 benchmarks/reference/statsmodels/make_inputs.py
"""
import gzip
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
INPUTS = HERE / "inputs"
BURN = 200


def arma(rng, n, ar, ma, mean=0.0, sigma=1.0):
    """x_t = sum ar_i x_(t-i) + e_t + sum ma_j e_(t-j), plus mean; after a burn-in."""
    total = n + BURN
    e = rng.normal(0.0, sigma, total)
    x = np.zeros(total)
    for t in range(total):
        value = e[t]
        for i, a in enumerate(ar, start=1):
            if t - i >= 0:
                value += a * x[t - i]
        for j, b in enumerate(ma, start=1):
            if t - j >= 0:
                value += b * e[t - j]
        x[t] = value
    return x[BURN:] + mean


def write(name, values):
    path = INPUTS / f"{name}.csv"
    with path.open("w") as f:
        f.write("y\n")
        for v in values:
            f.write(f"{float(v)!r}\n")
    print(f"{path.relative_to(HERE)}: {len(values)} values")


def household_hourly():
    """First household of week 44 with no negative value, quarter-hours summed to hours (kWh)."""
    source = pathlib.Path("/work/shared/data/swiss-15min/elcons_15min_w44.csv.gz")
    with gzip.open(source, "rt") as f:
        next(f)
        for line in f:
            cells = line.strip().split(",")
            values = np.array([float(c) for c in cells[1:]])
            if values.min() >= 0 and values.sum() > 0:
                hourly = values.reshape(-1, 4).sum(axis=1)
                return cells[0], np.round(hourly, 6)
    raise RuntimeError("no household without negative values")


def main():
    INPUTS.mkdir(exist_ok=True)
    rng = np.random.default_rng(20260601)
    write("ar2", arma(rng, 500, [0.6, -0.3], [], mean=5.0))
    write("arma11", arma(rng, 500, [0.7], [0.4], mean=2.0))
    write("arima111", np.cumsum(arma(rng, 500, [0.6], [0.3])) + 100.0)
    # Hourly load-like series: daily shape, slow trend, AR(1) noise; 30 days of 24 hours.
    t = np.arange(720)
    shape = 3.0 * np.sin(2 * np.pi * t / 24) + 1.5 * np.cos(4 * np.pi * t / 24)
    write("seasonal", 10.0 + 0.01 * t + shape + arma(rng, 720, [0.5], [], sigma=0.5))
    vid, hourly = household_hourly()
    print(f"household VID {vid}")
    write("household", hourly)


if __name__ == "__main__":
    main()
