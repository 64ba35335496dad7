using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SmartGrid.Analytics.Theft;

namespace SmartGrid.Analytics.Tests.Theft;

public sealed class TheftModelFormatTests
{
    private static readonly Lazy<(HybridTheftDetector Trees, HybridTheftDetector Logistic, IReadOnlyList<HouseholdDayFeatures> Features, bool[] Labels)> Fitted = new(() =>
    {
        var (households, labels, _) = SyntheticHouseholds.Make(households: 30, days: 21, n: 24, fraction: 0.1, seed: 9);
        var features = TheftFeatureExtractor.Extract(households);
        var trees = new HybridTheftDetector(24, new TheftDetectorOptions
        {
            ClassifierFactory = () => new GradientBoostedTreesClassifier(new GradientBoostingOptions { Rounds = 40, Seed = 3 }),
            TargetFalsePositiveRate = 0.03,
            Seed = 4,
        });
        trees.Fit(features, labels);
        var logistic = new HybridTheftDetector(24, new TheftDetectorOptions { ClassifierFactory = () => new LogisticRegressionClassifier(lambda: 2) });
        logistic.Fit(features, labels);
        return (trees, logistic, features, labels);
    });

    // Offset of the classifier kind byte: header, intervals, feature names, options, threshold.
    private static int ClassifierKindOffset =>
        4 + 2 + 4 + 4 + TheftFeatureExtractor.FeatureNames.Sum(n => 2 + Encoding.UTF8.GetByteCount(n)) + 4 + 8 + 4 + 8;

    private static byte[] Resealed(byte[] model)
    {
        var copy = (byte[])model.Clone();
        SHA256.HashData(copy.AsSpan(0, copy.Length - 32), copy.AsSpan(copy.Length - 32));
        return copy;
    }

    private static void ShouldScoreAlike(HybridTheftDetector loaded, HybridTheftDetector original, IReadOnlyList<HouseholdDayFeatures> features)
    {
        var expected = original.Score(features);
        var actual = loaded.Score(features);
        actual.Should().HaveCount(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            actual[i].Score.Should().Be(expected[i].Score, "day {0} scores bit for bit the same", i);
            actual[i].Alarm.Should().Be(expected[i].Alarm);
            actual[i].Evidence.Select(e => (e.Name, e.Statistic, e.Threshold)).Should().Equal(expected[i].Evidence.Select(e => (e.Name, e.Statistic, e.Threshold)));
        }
    }

    [Fact]
    public void A_loaded_boosted_trees_model_scores_exactly_as_the_original_and_saves_to_the_same_bytes()
    {
        var (trees, _, features, _) = Fitted.Value;

        var bytes = trees.Save();
        var loaded = HybridTheftDetector.Load(bytes);

        ShouldScoreAlike(loaded, trees, features);
        loaded.Threshold.Should().Be(trees.Threshold);
        loaded.IntervalsPerDay.Should().Be(24);
        loaded.CombinerWeights.Should().Equal(trees.CombinerWeights);
        loaded.Options.Should().BeEquivalentTo(trees.Options, o => o.Excluding(x => x.ClassifierFactory));
        loaded.Options.ClassifierFactory().Name.Should().Be("gradient-boosted-trees");
        loaded.Save().Should().Equal(bytes, "the format has one encoding per model");
        bytes.AsSpan(0, 4).ToArray().Should().Equal("SGTM"u8.ToArray());
        BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)).Should().Be(TheftModelFormat.Version);
    }

    [Fact]
    public void A_loaded_logistic_model_scores_exactly_as_the_original()
    {
        var (_, logistic, features, _) = Fitted.Value;

        var loaded = HybridTheftDetector.Load(logistic.Save());

        ShouldScoreAlike(loaded, logistic, features);
        loaded.Options.ClassifierFactory().Name.Should().Be("logistic");
        loaded.Save().Should().Equal(logistic.Save());
    }

    [Fact]
    public void A_loaded_model_can_be_fitted_again_with_the_saved_settings()
    {
        var (trees, _, features, labels) = Fitted.Value;
        var loaded = HybridTheftDetector.Load(trees.Save());

        var refit = () => loaded.Fit(features, labels);

        refit.Should().NotThrow();
        loaded.IsFitted.Should().BeTrue();
    }

    [Fact]
    public void Saving_an_unfitted_detector_or_a_classifier_without_a_saved_form_is_refused()
    {
        var unfitted = () => new HybridTheftDetector(24).Save();
        unfitted.Should().Throw<InvalidOperationException>();

        var (_, _, features, labels) = Fitted.Value;
        var custom = new HybridTheftDetector(24, new TheftDetectorOptions { ClassifierFactory = () => new ConstantClassifier() });
        custom.Fit(features, labels);
        var save = () => custom.Save();
        save.Should().Throw<NotSupportedException>().WithMessage("*'constant'*no saved form*");
    }

    public static TheoryData<string, string> Damaged => new()
    {
        { "empty", "*byte 0: not a theft model*" },
        { "other file", "*not a theft model (it does not start with \"SGTM\")*" },
        { "version 2", "*byte 4: format version 2; this build reads version 1*" },
        { "truncated", "*truncated or altered*" },
        { "one byte flipped", "*the last 32 bytes are not the SHA-256 of the rest*" },
        { "unknown classifier", "*unknown classifier kind 9*" },
        { "tree loops", "*trees: node 0 has children*" },
        { "feature renamed", "*made for another feature set: feature 0 is*" },
        { "trailing bytes", "*4 bytes after the combiner*" },
        { "threshold above 1", "*threshold 2 is outside 0..1*" },
        { "header only", "*truncated*" },
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void Damaged_model_bytes_are_refused_with_a_typed_error_naming_what_was_wrong(string damage, string message)
    {
        var bytes = Fitted.Value.Trees.Save();
        var kind = ClassifierKindOffset;
        var damaged = damage switch
        {
            "empty" => [],
            "other file" => "PK\u0003\u0004 a zip file"u8.ToArray(),
            "version 2" => [.. bytes[..4], 2, 0, .. bytes[6..]],
            "truncated" => bytes[..^100],
            "one byte flipped" => Flip(bytes, kind + 40),
            "unknown classifier" => Resealed(Set(bytes, kind, 9)),
            "tree loops" => Resealed(SetInt32(bytes, kind + 1 + 60 + 12, 0)),
            "feature renamed" => Resealed(Set(bytes, 4 + 2 + 4 + 4 + 2, (byte)'X')),
            "trailing bytes" => Resealed([.. bytes[..^32], 1, 2, 3, 4, .. new byte[32]]),
            "threshold above 1" => Resealed(SetDouble(bytes, kind - 8, 2.0)),
            "header only" => bytes[..6],
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };

        var load = () => HybridTheftDetector.Load(damaged);

        load.Should().Throw<TheftModelFormatException>().WithMessage(message).Which.Position.Should().BeInRange(0, bytes.Length);
    }

    private static byte[] Flip(byte[] bytes, int at) => Set(bytes, at, (byte)(bytes[at] ^ 0x01));

    private static byte[] Set(byte[] bytes, int at, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] = value;
        return copy;
    }

    private static byte[] SetInt32(byte[] bytes, int at, int value)
    {
        var copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(at), value);
        return copy;
    }

    private static byte[] SetDouble(byte[] bytes, int at, double value)
    {
        var copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteDoubleLittleEndian(copy.AsSpan(at), value);
        return copy;
    }

    private sealed class ConstantClassifier : ITheftClassifier
    {
        public string Name => "constant";

        public void Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> labels)
        {
        }

        public double Probability(ReadOnlySpan<double> features) => 0.5;
    }
}
