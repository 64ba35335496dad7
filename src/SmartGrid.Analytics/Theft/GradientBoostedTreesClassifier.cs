namespace SmartGrid.Analytics.Theft;

/// <summary>
/// Gradient-boosted regression trees on the logistic loss (Friedman 2001, second-order leaf values
/// as in XGBoost): start from the log-odds of the base rate; each round fits a depth-limited tree to
/// the gradients g = p − y and hessians h = p(1 − p) of a seeded row sample, choosing splits on
/// quantile-binned features by the gain G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), with leaf values
/// −η·G/(H+λ). Deterministic for a given seed.
/// </summary>
public sealed class GradientBoostedTreesClassifier : ITheftClassifier
{
    private readonly GradientBoostingOptions _options;
    private readonly List<Node> _nodes = [];
    private readonly List<int> _roots = [];
    private double _base;
    private bool _fitted;

    /// <summary>Creates the classifier with <paramref name="options"/> (defaults when null).</summary>
    public GradientBoostedTreesClassifier(GradientBoostingOptions? options = null)
    {
        _options = options ?? new GradientBoostingOptions();
        if (_options.Rounds < 1 || _options.MaxDepth < 1 || _options.Bins is < 2 or > 255 || !(_options.LearningRate > 0)
            || !(_options.L2 >= 0) || !(_options.Subsample is > 0 and <= 1) || !(_options.MinChildHessian >= 0))
        {
            throw new AnalyticsInputException("invalid gradient boosting options", nameof(options));
        }
    }

    /// <inheritdoc />
    public string Name => "gradient-boosted-trees";

    /// <summary>Number of trees fitted.</summary>
    public int TreeCount => _roots.Count;

    /// <inheritdoc />
    public void Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> labels)
    {
        var width = TrainingData.Validate(features, labels);
        _nodes.Clear();
        _roots.Clear();
        var rows = features.Count;
        var thresholds = new double[width][];
        var bins = new byte[width][];
        for (var j = 0; j < width; j++)
        {
            (thresholds[j], bins[j]) = Bin(features, j, _options.Bins);
        }

        var y = labels.Select(l => l ? 1.0 : 0.0).ToArray();
        var rate = y.Average();
        _base = Math.Log(rate / (1 - rate));
        var score = Enumerable.Repeat(_base, rows).ToArray();
        var g = new double[rows];
        var h = new double[rows];
        var random = new Random(_options.Seed);
        var all = Enumerable.Range(0, rows).ToArray();
        var sampleSize = Math.Max(1, (int)Math.Round(_options.Subsample * rows));
        for (var round = 0; round < _options.Rounds; round++)
        {
            for (var i = 0; i < rows; i++)
            {
                var p = TrainingData.Sigmoid(score[i]);
                g[i] = p - y[i];
                h[i] = Math.Max(p * (1 - p), 1e-12);
            }

            int[] sample;
            if (sampleSize < rows)
            {
                random.Shuffle(all);
                sample = all[..sampleSize];
                Array.Sort(sample);
            }
            else
            {
                sample = all;
            }

            var root = Grow(sample, 0, g, h, bins, thresholds);
            _roots.Add(root);
            for (var i = 0; i < rows; i++)
            {
                score[i] += Leaf(root, bins, i);
            }
        }

        _fitted = true;
    }

    /// <inheritdoc />
    public double Probability(ReadOnlySpan<double> features)
    {
        if (!_fitted)
        {
            throw new InvalidOperationException("The classifier is not fitted.");
        }

        var z = _base;
        foreach (var root in _roots)
        {
            var node = _nodes[root];
            while (node.Feature >= 0)
            {
                node = _nodes[features[node.Feature] <= node.Threshold ? node.Left : node.Right];
            }

            z += node.Value;
        }

        return TrainingData.Sigmoid(z);
    }

    private static (double[] Thresholds, byte[] Bins) Bin(IReadOnlyList<double[]> features, int j, int binCount)
    {
        var sorted = features.Select(r => r[j]).ToArray();
        Array.Sort(sorted);
        var edges = new SortedSet<double>();
        for (var k = 1; k < binCount; k++)
        {
            var edge = RobustStatistics.QuantileOfSorted(sorted, (double)k / binCount);
            if (edge < sorted[^1])
            {
                edges.Add(edge);
            }
        }

        var thresholds = edges.ToArray();
        var bins = new byte[features.Count];
        for (var i = 0; i < bins.Length; i++)
        {
            bins[i] = (byte)BinOf(thresholds, features[i][j]);
        }

        return (thresholds, bins);
    }

    /// <summary>Smallest b with value ≤ thresholds[b], or thresholds.Length.</summary>
    private static int BinOf(double[] thresholds, double value)
    {
        var index = Array.BinarySearch(thresholds, value);
        return index >= 0 ? index : ~index;
    }

    private int Grow(int[] rows, int depth, double[] g, double[] h, byte[][] bins, double[][] thresholds)
    {
        double gSum = 0, hSum = 0;
        foreach (var i in rows)
        {
            gSum += g[i];
            hSum += h[i];
        }

        var lambda = _options.L2;
        var leafValue = -_options.LearningRate * gSum / (hSum + lambda);
        if (depth >= _options.MaxDepth || rows.Length < 2)
        {
            return AddLeaf(leafValue);
        }

        var parentScore = gSum * gSum / (hSum + lambda);
        var bestGain = 1e-12;
        var bestFeature = -1;
        var bestBin = -1;
        var gHist = new double[256];
        var hHist = new double[256];
        for (var j = 0; j < bins.Length; j++)
        {
            var edges = thresholds[j].Length;
            if (edges == 0)
            {
                continue;
            }

            Array.Clear(gHist, 0, edges + 1);
            Array.Clear(hHist, 0, edges + 1);
            var column = bins[j];
            foreach (var i in rows)
            {
                gHist[column[i]] += g[i];
                hHist[column[i]] += h[i];
            }

            double gLeft = 0, hLeft = 0;
            for (var b = 0; b < edges; b++)
            {
                gLeft += gHist[b];
                hLeft += hHist[b];
                var hRight = hSum - hLeft;
                if (hLeft < _options.MinChildHessian || hRight < _options.MinChildHessian)
                {
                    continue;
                }

                var gRight = gSum - gLeft;
                var gain = (gLeft * gLeft / (hLeft + lambda)) + (gRight * gRight / (hRight + lambda)) - parentScore;
                if (gain > bestGain)
                {
                    bestGain = gain;
                    bestFeature = j;
                    bestBin = b;
                }
            }
        }

        if (bestFeature < 0)
        {
            return AddLeaf(leafValue);
        }

        var split = bins[bestFeature];
        var left = rows.Where(i => split[i] <= bestBin).ToArray();
        var right = rows.Where(i => split[i] > bestBin).ToArray();
        var index = _nodes.Count;
        _nodes.Add(default);
        var leftIndex = Grow(left, depth + 1, g, h, bins, thresholds);
        var rightIndex = Grow(right, depth + 1, g, h, bins, thresholds);
        _nodes[index] = new Node(bestFeature, thresholds[bestFeature][bestBin], bestBin, leftIndex, rightIndex, 0);
        return index;
    }

    private int AddLeaf(double value)
    {
        _nodes.Add(new Node(-1, 0, 0, -1, -1, value));
        return _nodes.Count - 1;
    }

    /// <summary>The settings the classifier was made with.</summary>
    internal GradientBoostingOptions Options => _options;

    /// <summary>Writes options, base score, nodes and roots (<see cref="TheftModelFormat"/>, classifier kind 1).</summary>
    internal void WriteTo(TheftModelWriter writer)
    {
        if (!_fitted)
        {
            throw new InvalidOperationException("The classifier is not fitted.");
        }

        writer.WriteInt32(_options.Rounds);
        writer.WriteInt32(_options.MaxDepth);
        writer.WriteDouble(_options.LearningRate);
        writer.WriteInt32(_options.Bins);
        writer.WriteDouble(_options.L2);
        writer.WriteDouble(_options.MinChildHessian);
        writer.WriteDouble(_options.Subsample);
        writer.WriteInt32(_options.Seed);
        writer.WriteDouble(_base);
        writer.WriteInt32(_nodes.Count);
        foreach (var node in _nodes)
        {
            writer.WriteInt32(node.Feature);
            writer.WriteDouble(node.Threshold);
            writer.WriteInt32(node.Left);
            writer.WriteInt32(node.Right);
            writer.WriteDouble(node.Value);
        }

        writer.WriteInt32(_roots.Count);
        foreach (var root in _roots)
        {
            writer.WriteInt32(root);
        }
    }

    /// <summary>
    /// Reads what <see cref="WriteTo"/> wrote, checking every node: a split names a feature below
    /// <paramref name="featureCount"/> and children after itself (so no tree can loop), a leaf has none.
    /// </summary>
    internal static GradientBoostedTreesClassifier ReadFrom(ref TheftModelReader reader, int featureCount)
    {
        var at = reader.Position;
        var options = new GradientBoostingOptions
        {
            Rounds = reader.ReadInt32("trees: rounds"),
            MaxDepth = reader.ReadInt32("trees: max depth"),
            LearningRate = reader.ReadDouble("trees: learning rate"),
            Bins = reader.ReadInt32("trees: bins"),
            L2 = reader.ReadDouble("trees: L2"),
            MinChildHessian = reader.ReadDouble("trees: min child hessian"),
            Subsample = reader.ReadDouble("trees: subsample"),
            Seed = reader.ReadInt32("trees: seed"),
        };
        GradientBoostedTreesClassifier classifier;
        try
        {
            classifier = new GradientBoostedTreesClassifier(options);
        }
        catch (AnalyticsInputException ex)
        {
            throw TheftModelReader.Fail($"trees: {ex.Message}", at);
        }

        classifier._base = reader.ReadDouble("trees: base score");
        var count = reader.ReadInt32("trees: node count", 1, TheftModelFormat.MaxNodes);
        for (var i = 0; i < count; i++)
        {
            var nodeAt = reader.Position;
            var feature = reader.ReadInt32($"trees: node {i} feature", -1, featureCount - 1);
            var threshold = reader.ReadDouble($"trees: node {i} threshold");
            var left = reader.ReadInt32($"trees: node {i} left child");
            var right = reader.ReadInt32($"trees: node {i} right child");
            var value = reader.ReadDouble($"trees: node {i} value");
            var valid = feature < 0 ? left == -1 && right == -1 : left > i && left < count && right > i && right < count;
            if (!valid)
            {
                throw TheftModelReader.Fail($"trees: node {i} has children {left} and {right}: a split needs two later nodes of the {count}, a leaf none", nodeAt);
            }

            classifier._nodes.Add(new Node(feature, threshold, 0, left, right, value));
        }

        var roots = reader.ReadInt32("trees: tree count", 1, TheftModelFormat.MaxNodes);
        for (var t = 0; t < roots; t++)
        {
            classifier._roots.Add(reader.ReadInt32($"trees: root of tree {t}", 0, count - 1));
        }

        classifier._fitted = true;
        return classifier;
    }

    private double Leaf(int root, byte[][] bins, int row)
    {
        var node = _nodes[root];
        while (node.Feature >= 0)
        {
            node = _nodes[bins[node.Feature][row] <= node.Bin ? node.Left : node.Right];
        }

        return node.Value;
    }

    private readonly record struct Node(int Feature, double Threshold, int Bin, int Left, int Right, double Value);
}
