using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace SmartGrid.Analytics.Forecasting;

/// <summary>
/// ARIMA(p,d,q) with an optional multiplicative seasonal part (P,D,Q)_s, fitted by conditional
/// sum of squares (CSS):
/// <c>φ(B)Φ(B^s)(w(t) − μ) = θ(B)Θ(B^s)e(t)</c> with <c>w = (1 − B)^d (1 − B^s)^D y</c>.
/// </summary>
/// <remarks>
/// <para>
/// Fitting: the series is differenced; the mean μ is estimated only when asked (by default when
/// d = D = 0, as statsmodels' <c>trend='c'</c>). With e(t) = 0 before the first full AR span
/// (t &lt; p + sP) the residuals follow <c>e(t) = w̃(t) − Σ a_k w̃(t−k) − Σ b_j e(t−j)</c> (a, b the
/// expanded polynomials, w̃ = w − μ), and the CSS <c>Σ e(t)²</c> over the remaining
/// <c>n − d − sD − p − sP</c> terms is minimised by MathNet's Levenberg–Marquardt (numerical
/// Jacobian), starting from Hannan–Rissanen estimates. The coefficients are reparameterised
/// through partial autocorrelations (Monahan/Jones, as statsmodels), so every step stays
/// stationary and invertible. σ² = CSS / number of residuals.
/// </para>
/// <para>
/// Online: <see cref="Update"/> differences the new value with the last d + sD raw values,
/// computes its residual from the last AR-span centred values and MA-span residuals, and shifts
/// them in; the coefficients stay as fitted. <see cref="Forecast"/> runs the recursion with future
/// residuals set to zero and undoes the differencing.
/// </para>
/// </remarks>
public sealed class ArimaForecaster : IForecaster
{
    private readonly ArimaStructure _structure;
    private readonly RecentValues _raw;
    private readonly RecentValues _centred;
    private readonly RecentValues _residuals;
    private LagWeights _ar;
    private LagWeights _ma;
    private ArimaCoefficients? _coefficients;

    /// <summary>Creates an ARIMA model of the given orders.</summary>
    /// <param name="order">Non-seasonal orders (p, d, q).</param>
    /// <param name="seasonal">Seasonal orders (P, D, Q)_s; <see cref="SeasonalOrder.None"/> for none.</param>
    /// <param name="includeMean">Whether to fit the mean μ of the differenced series; null means "when d = D = 0".</param>
    /// <exception cref="AnalyticsInputException">An order is negative, or a seasonal part has a period below 2.</exception>
    public ArimaForecaster(ArimaOrder order, SeasonalOrder seasonal = default, bool? includeMean = null)
    {
        RequireOrder(order.P, "order.P");
        RequireOrder(order.D, "order.D");
        RequireOrder(order.Q, "order.Q");
        RequireOrder(seasonal.P, "seasonal.P");
        RequireOrder(seasonal.D, "seasonal.D");
        RequireOrder(seasonal.Q, "seasonal.Q");
        if (seasonal.IsSeasonal)
        {
            ForecastInput.RequireSeason(seasonal.Period, "seasonal.Period");
        }

        _structure = new ArimaStructure(order, seasonal, includeMean ?? (order.D == 0 && seasonal.D == 0));
        _raw = new RecentValues(_structure.Differences.Length - 1);
        _centred = new RecentValues(_structure.ArSpan);
        _residuals = new RecentValues(_structure.MaSpan);
        Name = $"ARIMA{order}{seasonal}";
    }

    /// <summary>The non-seasonal order.</summary>
    public ArimaOrder Order => _structure.Order;

    /// <summary>The seasonal order.</summary>
    public SeasonalOrder Seasonal => _structure.Seasonal;

    /// <summary>Whether the mean μ is estimated.</summary>
    public bool IncludeMean => _structure.IncludeMean;

    /// <summary>The fitted coefficients.</summary>
    /// <exception cref="AnalyticsInputException">The model is not fitted.</exception>
    public ArimaCoefficients Coefficients =>
        _coefficients ?? throw new AnalyticsInputException($"{Name} has not been fitted: call Fit with a history first.");

    /// <summary>Levenberg–Marquardt iterations of the last fit.</summary>
    public int Iterations { get; private set; }

    /// <summary>The smallest history <see cref="Fit"/> accepts: differencing, the AR span, and two residuals per parameter plus two.</summary>
    public int MinimumHistory =>
        (_structure.Differences.Length - 1) + _structure.ArSpan + (2 * _structure.ParameterCount) + 2;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool IsFitted => _coefficients is not null;

    /// <inheritdoc />
    public void Fit(ReadOnlySpan<double> history)
    {
        ForecastInput.RequireHistory(history, MinimumHistory, Name, "differencing, the AR span and enough residuals per parameter");
        var w = Differencing.Apply(history, _structure.Differences);
        var start = _structure.ArSpan;
        var mean = _structure.IncludeMean ? w.Average() : 0.0;
        var centred = _structure.IncludeMean ? [.. w.Select(v => v - mean)] : w;
        var first = HannanRissanen.Start(centred, _structure, mean);

        var initial = new double[_structure.ParameterCount];
        if (!_structure.TryEncode(first, initial))
        {
            // The start is made strictly admissible above; this is a guard, not a path.
            Array.Clear(initial);
            if (_structure.IncludeMean)
            {
                initial[0] = mean;
            }
        }

        var best = initial;
        if (initial.Length > 0)
        {
            best = Minimise(w, start, initial);
        }

        var residuals = new double[w.Length];
        var centredAtFit = new double[w.Length];
        var (coefficients, ar, ma, sse) = Residuals(w, best, centredAtFit, residuals);
        var count = w.Length - start;
        _coefficients = coefficients with { SumOfSquares = sse, Sigma2 = sse / count, ResidualCount = count };
        (_ar, _ma) = (ar, ma);
        _raw.Reset(history);
        _centred.Reset(centredAtFit);
        _residuals.Reset(residuals);
    }

    /// <inheritdoc />
    public double[] Forecast(int horizon)
    {
        ForecastInput.RequireHorizon(horizon, IsFitted, Name);
        var p = _centred.Capacity;
        var q = _residuals.Capacity;
        var k = _raw.Capacity;
        var w = new double[p + horizon];
        var e = new double[q + horizon];
        var y = new double[k + horizon];
        _centred.ToArray().CopyTo(w, 0);
        _residuals.ToArray().CopyTo(e, 0);
        _raw.ToArray().CopyTo(y, 0);
        var c = _structure.Differences;
        var result = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            var value = 0.0;
            for (var i = 0; i < _ar.Lags.Length; i++)
            {
                value += _ar.Weights[i] * w[p + h - _ar.Lags[i]];
            }

            for (var j = 0; j < _ma.Lags.Length; j++)
            {
                var index = q + h - _ma.Lags[j];
                if (index < q)
                {
                    value += _ma.Weights[j] * e[index];
                }
            }

            w[p + h] = value;
            var level = value + Coefficients.Mean;
            for (var i = 1; i <= k; i++)
            {
                level -= c[i] * y[k + h - i];
            }

            y[k + h] = level;
            result[h] = level;
        }

        return result;
    }

    /// <inheritdoc />
    public void Update(double observation)
    {
        ForecastInput.RequireObservation(observation, IsFitted, Name);
        var c = _structure.Differences;
        var w = observation;
        for (var i = 1; i < c.Length; i++)
        {
            w += c[i] * _raw[i];
        }

        var centred = w - Coefficients.Mean;
        var residual = centred;
        for (var i = 0; i < _ar.Lags.Length; i++)
        {
            residual -= _ar.Weights[i] * _centred[_ar.Lags[i]];
        }

        for (var j = 0; j < _ma.Lags.Length; j++)
        {
            residual -= _ma.Weights[j] * _residuals[_ma.Lags[j]];
        }

        _raw.Add(observation);
        _centred.Add(centred);
        _residuals.Add(residual);
    }

    private double[] Minimise(double[] w, int start, double[] initial)
    {
        var count = w.Length - start;
        var observedX = Vector<double>.Build.Dense(count, i => i);
        var observedY = Vector<double>.Build.Dense(count, i => w[start + i]);
        var residuals = new double[w.Length];
        var centred = new double[w.Length];

        // The "model" LM fits is the one-step prediction w(t) − e(t), so its squared misfit is the CSS.
        Vector<double> Predict(Vector<double> parameters, Vector<double> x)
        {
            Residuals(w, parameters.AsArray() ?? parameters.ToArray(), centred, residuals);
            var predicted = new double[count];
            for (var i = 0; i < count; i++)
            {
                predicted[i] = w[start + i] - residuals[start + i];
            }

            return Vector<double>.Build.Dense(predicted);
        }

        var model = ObjectiveFunction.NonlinearModel(Predict, observedX, observedY, accuracyOrder: 1);
        var minimizer = new LevenbergMarquardtMinimizer(initialMu: 1e-3, gradientTolerance: 1e-12, stepTolerance: 1e-12, functionTolerance: 1e-14, maximumIterations: 200);
        try
        {
            var result = minimizer.FindMinimum(model, Vector<double>.Build.DenseOfArray(initial));
            Iterations = result.Iterations;
            var point = result.MinimizingPoint.ToArray();
            return point.All(double.IsFinite) && Css(point) <= Css(initial) ? point : initial;
        }
        catch (Exception error) when (error is OptimizationException or ArithmeticException)
        {
            throw new AnalyticsInputException($"{Name} could not be fitted to this history: {error.Message}", "history");
        }

        double Css(double[] parameters) => Residuals(w, parameters, centred, residuals).Sse;
    }

    /// <summary>Decodes optimiser parameters and computes the CSS residuals of <paramref name="w"/> under them.</summary>
    private (ArimaCoefficients Coefficients, LagWeights Ar, LagWeights Ma, double Sse) Residuals(
        double[] w, double[] parameters, double[] centred, double[] residuals)
    {
        var coefficients = _structure.Decode(parameters);
        var (ar, ma) = _structure.Expand(coefficients);
        var (arWeights, maWeights) = (LagWeights.FromDense(ar), LagWeights.FromDense(ma));
        for (var t = 0; t < w.Length; t++)
        {
            centred[t] = w[t] - coefficients.Mean;
        }

        var sse = ArimaStructure.Residuals(centred, arWeights, maWeights, _structure.ArSpan, residuals);
        return (coefficients, arWeights, maWeights, sse);
    }

    private static void RequireOrder(int value, string name)
    {
        if (value < 0)
        {
            throw new AnalyticsInputException($"{name} must not be negative; got {value}.", name);
        }
    }
}
