namespace SmartGrid.Analytics.Forecasting;

/// <summary>The non-zero weights of an expanded lag polynomial (seasonal ones are sparse).</summary>
internal readonly record struct LagWeights(int[] Lags, double[] Weights)
{
    /// <summary>Keeps the non-zero entries of a dense weight array (index = lag, index 0 unused).</summary>
    public static LagWeights FromDense(double[] dense)
    {
        var lags = new List<int>();
        var weights = new List<double>();
        for (var k = 1; k < dense.Length; k++)
        {
            if (dense[k] != 0)
            {
                lags.Add(k);
                weights.Add(dense[k]);
            }
        }

        return new LagWeights([.. lags], [.. weights]);
    }
}
