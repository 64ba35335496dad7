namespace SmartGrid.Simulation.Load;

/// <summary>
/// Deterministic k-means (Lloyd's algorithm) with seeded k-means++ starts: the same data,
/// k and seed give the same clusters. Among the restarts the lowest within-cluster sum of
/// squares wins; an emptied cluster restarts at the point farthest from its centre.
/// </summary>
internal static class KMeans
{
    private const int MaxIterations = 300;

    /// <summary>Cluster index (0..k−1) of each point.</summary>
    public static int[] Cluster(IReadOnlyList<double[]> points, int k, int restarts, ulong seed)
    {
        if (points.Count < k)
        {
            throw new ArgumentException($"{points.Count} points cannot form {k} clusters.", nameof(points));
        }

        int[]? best = null;
        var bestCost = double.PositiveInfinity;
        for (var r = 0; r < restarts; r++)
        {
            var random = new SplitMix64(SplitMix64.At(seed, r));
            var (assignment, cost) = Run(points, k, ref random);
            if (cost < bestCost)
            {
                bestCost = cost;
                best = assignment;
            }
        }

        return best!;
    }

    private static (int[] Assignment, double Cost) Run(IReadOnlyList<double[]> points, int k, ref SplitMix64 random)
    {
        var dimensions = points[0].Length;
        var centres = Seed(points, k, ref random);
        var assignment = new int[points.Count];
        Array.Fill(assignment, -1);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var changed = false;
            for (var i = 0; i < points.Count; i++)
            {
                var nearest = Nearest(points[i], centres);
                if (nearest != assignment[i])
                {
                    assignment[i] = nearest;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }

            for (var c = 0; c < k; c++)
            {
                var sum = new double[dimensions];
                var count = 0;
                for (var i = 0; i < points.Count; i++)
                {
                    if (assignment[i] == c)
                    {
                        count++;
                        for (var j = 0; j < dimensions; j++)
                        {
                            sum[j] += points[i][j];
                        }
                    }
                }

                if (count == 0)
                {
                    var farthest = Enumerable.Range(0, points.Count).MaxBy(i => Distance(points[i], centres[assignment[i]]));
                    centres[c] = (double[])points[farthest].Clone();
                    assignment[farthest] = c;
                    continue;
                }

                centres[c] = [.. sum.Select(s => s / count)];
            }
        }

        var cost = Enumerable.Range(0, points.Count).Sum(i => Distance(points[i], centres[assignment[i]]));
        return (assignment, cost);
    }

    private static double[][] Seed(IReadOnlyList<double[]> points, int k, ref SplitMix64 random)
    {
        var centres = new double[k][];
        centres[0] = (double[])points[(int)(random.NextDouble() * points.Count)].Clone();
        var distances = new double[points.Count];
        for (var c = 1; c < k; c++)
        {
            var total = 0.0;
            for (var i = 0; i < points.Count; i++)
            {
                distances[i] = Enumerable.Range(0, c).Min(j => Distance(points[i], centres[j]));
                total += distances[i];
            }

            var target = random.NextDouble() * total;
            var chosen = points.Count - 1;
            var running = 0.0;
            for (var i = 0; i < points.Count; i++)
            {
                running += distances[i];
                if (running > target)
                {
                    chosen = i;
                    break;
                }
            }

            centres[c] = (double[])points[chosen].Clone();
        }

        return centres;
    }

    private static int Nearest(double[] point, double[][] centres)
    {
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var c = 0; c < centres.Length; c++)
        {
            var d = Distance(point, centres[c]);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        return best;
    }

    private static double Distance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            var d = a[j] - b[j];
            sum += d * d;
        }

        return sum;
    }
}
