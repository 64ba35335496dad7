#!/usr/bin/python3
"""Reference fits for the C# forecasters (issue 6, A1), with statsmodels 0.13.5.

Reads inputs/*.csv (written once by make_inputs.py and committed) and writes one JSON file per
case to outputs/. What is compared, exactly:

* ARIMA / SARIMA. statsmodels 0.13 no longer has a conditional-sum-of-squares ARIMA (the old
  `arima_model.ARIMA(...).fit(method='css')` was removed in 0.13; `arima.model.ARIMA.fit` offers
  'statespace', 'innovations_mle', 'hannan_rissanen', 'burg', 'innovations', 'yule_walker').
  So each ARIMA case records two references:
  - `statsmodels`: `statsmodels.tsa.arima.model.ARIMA(y, order, seasonal_order, trend).fit()`,
    the exact Gaussian likelihood by the Kalman filter (method 'statespace'), its coefficients,
    sigma2, 24-step forecast and fit time. C# CSS estimates differ from these by O(1/n), so the
    tests use loose tolerances against them.
  - `css`: the same model's conditional sum of squares (definition in docs/FORECASTING.md:
    residuals e_t = 0 before the first full AR lag, sum over the rest), minimised here with
    scipy.optimize.least_squares from the statsmodels estimates; sigma2 = SSE / (residual count);
    its forecast is statsmodels' own (`ARIMA(...).filter(css params).forecast(24)`). The C# fit
    minimises the same function, so the tests hold it tightly to this.
  - for the AR(2) case also `autoreg`: `statsmodels.tsa.ar_model.AutoReg(y, 2, trend='c')`,
    ordinary least squares conditional on the first two values, which is exactly CSS for a pure
    AR model (mean = const / (1 - sum ar)).
* Holt-Winters additive: `ExponentialSmoothing(y, trend='add', seasonal='add',
  seasonal_periods=m)` with its initial states fixed (`fix_params`) to statsmodels' own simple
  heuristic (`_initialization_simple`, Hyndman and Athanasopoulos 7.6: level = mean of the first
  season, trend = mean of (y[m:2m] - y[:m]) / m, seasonal = y[:m] - level), then `.fit()`, which
  minimises the SSE of one-step errors over alpha, beta <= alpha, gamma <= 1 - alpha (L-BFGS-B
  after a brute-force start). Fixing is needed because in 0.13.5 `fit()` re-estimates the initial
  seasonals even with initialization_method='known'. statsmodels 0.13.5's `forecast(h)` reuses a
  seasonal state one season too old at h = m (its `_predict` overwrites s[n+m-1] with s[n-1]), so
  the output also holds `forecast_from_states`: l_n + h*b_n + s_(n+h-m) from statsmodels' own
  fitted final states (`level`, `trend`, `season`), which is the model's forecast at every h.

Fit times are the median of 7 timed fits after one warm-up fit (time.perf_counter), on this
machine, single process.

    /usr/bin/python3 benchmarks/reference/statsmodels/fit_reference.py
"""
import json
import pathlib
import platform
import statistics
import time
import warnings

import numpy as np
import scipy
import scipy.optimize
import scipy.signal
import statsmodels
from statsmodels.tsa.ar_model import AutoReg
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.exponential_smoothing.initialization import _initialization_simple
from statsmodels.tsa.holtwinters import ExponentialSmoothing

HERE = pathlib.Path(__file__).resolve().parent
HORIZON = 24
TIMED_RUNS = 7

ARIMA_CASES = [
    # name, input, (p, d, q), (P, D, Q, s), trend
    ("ar2", "ar2", (2, 0, 0), (0, 0, 0, 0), "c"),
    ("arma11", "arma11", (1, 0, 1), (0, 0, 0, 0), "c"),
    ("arima111", "arima111", (1, 1, 1), (0, 0, 0, 0), "n"),
    ("seasonal_sarima", "seasonal", (1, 0, 0), (0, 1, 1, 24), "n"),
    ("household_sarima", "household", (1, 0, 0), (1, 0, 0, 24), "c"),
]
HW_CASES = [
    ("seasonal_hw", "seasonal", 24),
    ("household_hw", "household", 24),
]


def read(name):
    lines = (HERE / "inputs" / f"{name}.csv").read_text().split()
    return np.array([float(v) for v in lines[1:]])


def timed(fit):
    fit()
    times = []
    result = None
    for _ in range(TIMED_RUNS):
        start = time.perf_counter()
        result = fit()
        times.append(time.perf_counter() - start)
    return result, statistics.median(times), min(times)


def difference(y, d, big_d, s):
    w = np.asarray(y, dtype=float)
    for _ in range(d):
        w = w[1:] - w[:-1]
    for _ in range(big_d):
        w = w[s:] - w[:-s]
    return w


class Css:
    """The conditional sum of squares of a multiplicative SARIMA(p,d,q)(P,D,Q)_s."""

    def __init__(self, y, order, seasonal_order, trend):
        p, d, q = order
        big_p, big_d, big_q, s = seasonal_order
        self.p, self.q, self.big_p, self.big_q, self.s = p, q, big_p, big_q, max(s, 1)
        self.mean = trend == "c"
        self.w = difference(y, d, big_d, s)
        self.start = p + big_p * self.s

    def split(self, x):
        i = 0
        mu = 0.0
        if self.mean:
            mu = x[0]
            i = 1
        parts = []
        for k in (self.p, self.q, self.big_p, self.big_q):
            parts.append(np.asarray(x[i:i + k]))
            i += k
        return mu, parts

    def polys(self, x):
        mu, (ar, ma, sar, sma) = self.split(x)
        s = self.s
        ar_poly = np.r_[1.0, -ar]
        sar_poly = np.zeros(self.big_p * s + 1)
        sar_poly[0] = 1.0
        sar_poly[s::s] = -sar
        ma_poly = np.r_[1.0, ma]
        sma_poly = np.zeros(self.big_q * s + 1)
        sma_poly[0] = 1.0
        sma_poly[s::s] = sma
        return mu, np.polymul(ar_poly, sar_poly), np.polymul(ma_poly, sma_poly)

    def residuals(self, x):
        mu, a, b = self.polys(x)
        z = self.w - mu
        # x_t = a(B) z_t for t >= start; e_t = x_t - sum b_j e_(t-j), with e = 0 before start.
        xs = np.convolve(z, a)[self.start:len(z)]
        return scipy.signal.lfilter([1.0], b, xs)


def statsmodels_params(res, trend, order, seasonal_order):
    names = list(res.model.param_names)
    values = dict(zip(names, res.params))
    p, _, q = order
    big_p, _, big_q, s = seasonal_order
    out = {
        "mean": values.get("const", 0.0),
        "ar": [values[f"ar.L{i}"] for i in range(1, p + 1)],
        "ma": [values[f"ma.L{i}"] for i in range(1, q + 1)],
        "seasonal_ar": [values[f"ar.S.L{s * i}"] for i in range(1, big_p + 1)],
        "seasonal_ma": [values[f"ma.S.L{s * i}"] for i in range(1, big_q + 1)],
        "sigma2": values["sigma2"],
    }
    return out


def flat(params, trend):
    x = [params["mean"]] if trend == "c" else []
    return np.array(x + params["ar"] + params["ma"] + params["seasonal_ar"] + params["seasonal_ma"])


def arima_case(name, series, order, seasonal_order, trend):
    y = read(series)
    model_args = dict(order=order, seasonal_order=seasonal_order, trend=trend)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res, median, best = timed(lambda: ARIMA(y, **model_args).fit())
    mle = statsmodels_params(res, trend, order, seasonal_order)
    mle["forecast"] = list(res.forecast(HORIZON))
    mle["loglikelihood"] = res.llf
    mle["method"] = "statsmodels.tsa.arima.model.ARIMA(...).fit() (exact likelihood, statespace)"
    mle["fit_seconds"] = median
    mle["fit_seconds_min"] = best

    css = Css(y, order, seasonal_order, trend)
    starts = [flat(mle, trend), np.zeros_like(flat(mle, trend))]
    if trend == "c":
        starts[1][0] = css.w.mean()
    fits = [scipy.optimize.least_squares(css.residuals, x0, method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=20000)
            for x0 in starts]
    fit = min(fits, key=lambda r: float(np.sum(r.fun ** 2)))
    mu, (ar, ma, sar, sma) = css.split(fit.x)
    sse = float(np.sum(fit.fun ** 2))
    count = len(fit.fun)
    css_params = {
        "mean": float(mu), "ar": list(ar), "ma": list(ma), "seasonal_ar": list(sar), "seasonal_ma": list(sma),
        "sigma2": sse / count, "sse": sse, "residual_count": count,
    }
    # statsmodels' forecast with the CSS parameters (sigma2 last, as statsmodels orders them).
    sm_params = np.r_[fit.x, sse / count]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        filtered = ARIMA(y, **model_args).filter(sm_params)
    css_params["forecast"] = list(filtered.forecast(HORIZON))
    css_params["method"] = "scipy.optimize.least_squares(method='lm') on the CSS residuals; forecast by statsmodels ARIMA.filter(params)"
    out = {
        "name": name, "input": f"inputs/{series}.csv", "model": "arima",
        "order": list(order), "seasonal_order": list(seasonal_order), "trend": trend,
        "include_mean": trend == "c", "horizon": HORIZON, "observations": len(y),
        "statsmodels": mle, "css": css_params,
    }
    if order[1] == 0 and order[2] == 0 and seasonal_order[:3] == (0, 0, 0):
        ar_res, ar_median, ar_best = timed(lambda: AutoReg(y, order[0], trend="c").fit())
        const, *phis = ar_res.params
        out["autoreg"] = {
            "method": "statsmodels.tsa.ar_model.AutoReg(y, p, trend='c').fit() (OLS = CSS for pure AR)",
            "ar": list(phis), "mean": const / (1 - sum(phis)), "sigma2": float(np.sum(ar_res.resid ** 2)) / len(ar_res.resid),
            "forecast": list(ar_res.forecast(HORIZON)), "fit_seconds": ar_median, "fit_seconds_min": ar_best,
        }
    return out


def hw_case(name, series, m):
    y = read(series)
    level, trend, seasonal = _initialization_simple(y, trend="add", seasonal="add", seasonal_periods=m)

    fixed = {"initial_level": level, "initial_trend": trend}
    fixed.update({f"initial_seasonal.{i}": v for i, v in enumerate(seasonal)})

    def fit():
        model = ExponentialSmoothing(y, trend="add", seasonal="add", seasonal_periods=m)
        with model.fix_params(fixed):
            return model.fit()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res, median, best = timed(fit)
    level_n, trend_n = float(res.level[-1]), float(res.trend[-1])
    last_season = [float(v) for v in res.season[-m:]]
    from_states = [level_n + h * trend_n + last_season[(h - 1) % m] for h in range(1, HORIZON + 1)]
    return {
        "name": name, "input": f"inputs/{series}.csv", "model": "holt_winters_additive",
        "season": m, "horizon": HORIZON, "observations": len(y),
        "initial": {"level": float(level), "trend": float(trend), "seasonal": [float(v) for v in seasonal]},
        "statsmodels": {
            "method": "ExponentialSmoothing(trend='add', seasonal='add') with fix_params(initial states), .fit() (SSE, L-BFGS-B)",
            "alpha": res.params["smoothing_level"], "beta": res.params["smoothing_trend"],
            "gamma": res.params["smoothing_seasonal"], "sse": res.sse,
            "forecast": list(res.forecast(HORIZON)), "fit_seconds": median, "fit_seconds_min": best,
            "final_states": {"level": level_n, "trend": trend_n, "seasonal": last_season},
            "forecast_from_states": from_states,
        },
    }


def main():
    out_dir = HERE / "outputs"
    out_dir.mkdir(exist_ok=True)
    env = {"statsmodels": statsmodels.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
           "python": platform.python_version(), "machine": platform.processor() or platform.machine()}
    cases = [arima_case(*c) for c in ARIMA_CASES] + [hw_case(*c) for c in HW_CASES]
    for case in cases:
        case["environment"] = env
        (out_dir / f"{case['name']}.json").write_text(json.dumps(case, indent=2) + "\n")
        sm = case["statsmodels"]
        print(f"{case['name']:18s} statsmodels fit {sm['fit_seconds'] * 1000:8.2f} ms (min {sm['fit_seconds_min'] * 1000:.2f})")


if __name__ == "__main__":
    main()
