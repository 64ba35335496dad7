using MathNet.Numerics.LinearAlgebra;

namespace SmartGrid.Analytics.Theft;

/// <summary>
/// L2-regularised logistic regression on standardised features, fitted by Newton's method
/// (iteratively reweighted least squares) with MathNet: minimises
/// −Σ [y log p + (1 − y) log(1 − p)] + (λ/2)·‖w‖² (the intercept is not penalised).
/// </summary>
public sealed class LogisticRegressionClassifier : ITheftClassifier
{
    private readonly double _lambda;
    private readonly int _maxIterations;
    private double[] _mean = [];
    private double[] _scale = [];
    private double[] _weights = [];

    /// <summary>Creates the classifier.</summary>
    /// <param name="lambda">L2 penalty λ on the standardised weights (≥ 0).</param>
    /// <param name="maxIterations">Newton steps at most (stops earlier when the step is below 1e-8).</param>
    public LogisticRegressionClassifier(double lambda = 1.0, int maxIterations = 50)
    {
        if (!(lambda >= 0) || maxIterations < 1)
        {
            throw new AnalyticsInputException("lambda must be at least 0 and maxIterations at least 1", nameof(lambda));
        }

        _lambda = lambda;
        _maxIterations = maxIterations;
    }

    /// <inheritdoc />
    public string Name => "logistic";

    /// <summary>The L2 penalty λ.</summary>
    internal double Lambda => _lambda;

    /// <summary>The Newton step limit.</summary>
    internal int MaxIterations => _maxIterations;

    /// <summary>Fitted weights: intercept first, then one per standardised feature.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <inheritdoc />
    public void Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> labels)
    {
        var width = TrainingData.Validate(features, labels);
        var rows = features.Count;
        _mean = new double[width];
        _scale = new double[width];
        for (var j = 0; j < width; j++)
        {
            var mean = features.Average(r => r[j]);
            var variance = features.Average(r => (r[j] - mean) * (r[j] - mean));
            _mean[j] = mean;
            _scale[j] = variance > 1e-24 ? Math.Sqrt(variance) : 1;
        }

        var x = Matrix<double>.Build.Dense(rows, width + 1, (i, j) => j == 0 ? 1 : (features[i][j - 1] - _mean[j - 1]) / _scale[j - 1]);
        var y = Vector<double>.Build.Dense(rows, i => labels[i] ? 1 : 0);
        var w = Vector<double>.Build.Dense(width + 1);
        var penalty = Matrix<double>.Build.DenseIdentity(width + 1) * _lambda;
        penalty[0, 0] = 0;
        for (var iteration = 0; iteration < _maxIterations; iteration++)
        {
            var p = (x * w).Map(TrainingData.Sigmoid);
            var weights = p.Map(v => Math.Max(v * (1 - v), 1e-10));
            var gradient = (x.TransposeThisAndMultiply(p - y)) + (penalty * w);
            var hessian = x.TransposeThisAndMultiply(x.MapIndexed((i, _, v) => v * weights[i])) + penalty;
            hessian += Matrix<double>.Build.DenseIdentity(width + 1) * 1e-9;
            var step = hessian.Cholesky().Solve(gradient);
            w -= step;
            if (step.L2Norm() < 1e-8)
            {
                break;
            }
        }

        _weights = w.ToArray();
    }

    /// <summary>Writes λ, the iteration limit, the standardisation and the weights (<see cref="TheftModelFormat"/>, classifier kind 2).</summary>
    internal void WriteTo(TheftModelWriter writer)
    {
        if (_weights.Length == 0)
        {
            throw new InvalidOperationException("The classifier is not fitted.");
        }

        writer.WriteDouble(_lambda);
        writer.WriteInt32(_maxIterations);
        writer.WriteDoubles(_mean);
        writer.WriteDoubles(_scale);
        writer.WriteDoubles(_weights);
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote for rows of <paramref name="width"/> features.</summary>
    internal static LogisticRegressionClassifier ReadFrom(ref TheftModelReader reader, int width, string what)
    {
        var at = reader.Position;
        var lambda = reader.ReadDouble($"{what}: lambda");
        var iterations = reader.ReadInt32($"{what}: iterations");
        LogisticRegressionClassifier classifier;
        try
        {
            classifier = new LogisticRegressionClassifier(lambda, iterations);
        }
        catch (AnalyticsInputException ex)
        {
            throw TheftModelReader.Fail($"{what}: {ex.Message}", at);
        }

        at = reader.Position;
        classifier._mean = reader.ReadDoubles($"{what}: means", TheftModelFormat.MaxFeatures);
        classifier._scale = reader.ReadDoubles($"{what}: scales", TheftModelFormat.MaxFeatures);
        classifier._weights = reader.ReadDoubles($"{what}: weights", TheftModelFormat.MaxFeatures + 1);
        if (classifier._mean.Length != width || classifier._scale.Length != width || classifier._weights.Length != width + 1)
        {
            throw TheftModelReader.Fail($"{what}: {classifier._mean.Length} means, {classifier._scale.Length} scales and {classifier._weights.Length} weights for {width} features (need {width}, {width} and {width + 1})", at);
        }

        if (classifier._scale.Any(s => !(s > 0)))
        {
            throw TheftModelReader.Fail($"{what}: a scale is not positive", at);
        }

        return classifier;
    }

    /// <inheritdoc />
    public double Probability(ReadOnlySpan<double> features)
    {
        if (_weights.Length == 0)
        {
            throw new InvalidOperationException("The classifier is not fitted.");
        }

        var z = _weights[0];
        for (var j = 0; j < _mean.Length; j++)
        {
            z += _weights[j + 1] * (features[j] - _mean[j]) / _scale[j];
        }

        return TrainingData.Sigmoid(z);
    }
}
