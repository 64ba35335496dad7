namespace SmartGrid.Cli.EvalTheft;

/// <summary>How an evaluation is run (see <c>smartgrid eval-theft --help</c>).</summary>
public sealed record EvalTheftSettings
{
    /// <summary>Seed of the split, the folds and the classifier.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Fraction of households held out for testing.</summary>
    public double TestFraction { get; init; } = 0.3;

    /// <summary>False-positive rate the threshold is chosen for on the training households.</summary>
    public double TargetFalsePositiveRate { get; init; } = 0.02;

    /// <summary><c>gbt</c> (gradient-boosted trees) or <c>logistic</c>.</summary>
    public string Classifier { get; init; } = "gbt";

    /// <summary>Simulated feeder size (households per feeder); 0 for no energy balance.</summary>
    public int FeederSize { get; init; }

    /// <summary>
    /// Copies of the training households with fresh injections added to the training rows
    /// (<see cref="TrainingCopies"/>); used only when attacks were injected (<see cref="Injection"/>).
    /// </summary>
    public int TrainingCopies { get; init; } = 3;

    /// <summary>How attacks were injected into the data; null when the labels are the input's own.</summary>
    public InjectionSettings? Injection { get; init; }
}
