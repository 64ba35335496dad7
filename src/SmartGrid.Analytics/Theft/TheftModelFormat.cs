using System.Security.Cryptography;

namespace SmartGrid.Analytics.Theft;

/// <summary>
/// The saved form of a fitted <see cref="HybridTheftDetector"/> (file extension <c>.sgtm</c>), fixed
/// little-endian, doubles as their IEEE 754 bits so a loaded model scores exactly as the saved one:
/// <code>
/// magic "SGTM" | version u16 (1)
/// intervals per day i32 (2..1440)
/// feature count i32 | each feature name (u16 length, UTF-8), in TheftFeature order
/// folds i32 | target false-positive rate f64 | seed i32        (TheftDetectorOptions)
/// threshold f64 (0..1)
/// classifier kind u8 | classifier body
///   1 gradient-boosted trees: rounds i32 | max depth i32 | learning rate f64 | bins i32 | L2 f64 |
///     min child hessian f64 | subsample f64 | seed i32 | base score f64 |
///     node count i32 | per node: feature i32 (−1 = leaf) | threshold f64 | left i32 | right i32 | value f64 |
///     tree count i32 | root node of each tree i32
///   2 logistic regression: λ f64 | iterations i32 | means (count i32, f64 each) | scales (same) | weights (same, intercept first)
/// combiner: a logistic regression body over its 4 inputs
/// SHA-256 of every byte before it (32 bytes)
/// </code>
/// A model is tied to the features it was fitted on: loading one whose feature names differ from
/// this build's (<see cref="TheftFeatureExtractor.FeatureNames"/>) fails, naming the first difference.
/// A split node's children come after it, so no tree can loop. Other <see cref="ITheftClassifier"/>
/// implementations have no saved form.
/// </summary>
public static class TheftModelFormat
{
    /// <summary>The format version this build writes and reads.</summary>
    public const ushort Version = 1;

    /// <summary>Classifier kind of <see cref="GradientBoostedTreesClassifier"/>.</summary>
    public const byte GradientBoostedTreesKind = 1;

    /// <summary>Classifier kind of <see cref="LogisticRegressionClassifier"/>.</summary>
    public const byte LogisticRegressionKind = 2;

    /// <summary>Most tree nodes (or trees) a model may hold.</summary>
    public const int MaxNodes = 1 << 22;

    /// <summary>Most features a model may name.</summary>
    public const int MaxFeatures = 4096;

    /// <summary>Largest model accepted, in bytes.</summary>
    public const int MaxBytes = 64 << 20;

    private const int ChecksumLength = 32;

    private static ReadOnlySpan<byte> Magic => "SGTM"u8;

    /// <summary>The saved form of a fitted detector.</summary>
    /// <exception cref="InvalidOperationException">The detector is not fitted.</exception>
    /// <exception cref="NotSupportedException">Its classifier is neither of the built-in ones.</exception>
    public static byte[] Save(HybridTheftDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var (classifier, combiner) = detector.Fitted();
        var writer = new TheftModelWriter();
        writer.WriteBytes(Magic);
        writer.WriteUInt16(Version);
        writer.WriteInt32(detector.IntervalsPerDay);
        writer.WriteInt32(TheftFeatureExtractor.FeatureCount);
        foreach (var name in TheftFeatureExtractor.FeatureNames)
        {
            writer.WriteString(name);
        }

        writer.WriteInt32(detector.Options.Folds);
        writer.WriteDouble(detector.Options.TargetFalsePositiveRate);
        writer.WriteInt32(detector.Options.Seed);
        writer.WriteDouble(detector.Threshold);
        switch (classifier)
        {
            case GradientBoostedTreesClassifier trees:
                writer.WriteByte(GradientBoostedTreesKind);
                trees.WriteTo(writer);
                break;
            case LogisticRegressionClassifier logistic:
                writer.WriteByte(LogisticRegressionKind);
                logistic.WriteTo(writer);
                break;
            default:
                throw new NotSupportedException($"the classifier '{classifier.Name}' ({classifier.GetType().Name}) has no saved form; use gradient-boosted trees or logistic regression");
        }

        combiner.WriteTo(writer);
        var body = writer.Written;
        var bytes = new byte[body.Length + ChecksumLength];
        body.CopyTo(bytes);
        SHA256.HashData(body, bytes.AsSpan(body.Length));
        return bytes;
    }

    /// <summary>Loads a detector saved by <see cref="Save"/>; it scores exactly as the saved one.</summary>
    /// <exception cref="TheftModelFormatException">The bytes are not a model this build can load; the message names what was wrong and where.</exception>
    public static HybridTheftDetector Load(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            throw new TheftModelFormatException($"{bytes.Length} bytes, more than the {MaxBytes} a model may have", MaxBytes);
        }

        var reader = new TheftModelReader(bytes);
        if (!reader.ReadBytes(Math.Min(Magic.Length, bytes.Length), "magic").SequenceEqual(Magic))
        {
            throw new TheftModelFormatException("not a theft model (it does not start with \"SGTM\")", 0);
        }

        var version = reader.ReadUInt16("version");
        if (version != Version)
        {
            throw new TheftModelFormatException($"format version {version}; this build reads version {Version}", 4);
        }

        if (bytes.Length < reader.Position + ChecksumLength)
        {
            throw new TheftModelFormatException($"truncated: {bytes.Length} bytes, too short for a model", bytes.Length);
        }

        var body = bytes[..^ChecksumLength];
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes[^ChecksumLength..]))
        {
            throw new TheftModelFormatException("the last 32 bytes are not the SHA-256 of the rest: the model was truncated or altered", body.Length);
        }

        reader = new TheftModelReader(body);
        reader.ReadBytes(Magic.Length + 2, "header");
        var intervals = reader.ReadInt32("intervals per day", 2, 1440);
        ReadFeatureNames(ref reader);
        var optionsAt = reader.Position;
        var folds = reader.ReadInt32("folds", 2, 1000);
        var target = reader.ReadDouble("target false-positive rate");
        var seed = reader.ReadInt32("seed");
        if (!(target is > 0 and < 1))
        {
            throw new TheftModelFormatException($"target false-positive rate {target} is outside (0, 1)", optionsAt);
        }

        var thresholdAt = reader.Position;
        var threshold = reader.ReadDouble("threshold");
        if (threshold is < 0 or > 1)
        {
            throw new TheftModelFormatException($"threshold {threshold} is outside 0..1", thresholdAt);
        }

        var kindAt = reader.Position;
        var kind = reader.ReadByte("classifier kind");
        ITheftClassifier classifier;
        Func<ITheftClassifier> factory;
        switch (kind)
        {
            case GradientBoostedTreesKind:
                var trees = GradientBoostedTreesClassifier.ReadFrom(ref reader, TheftFeatureExtractor.FeatureCount);
                (classifier, factory) = (trees, () => new GradientBoostedTreesClassifier(trees.Options));
                break;
            case LogisticRegressionKind:
                var logistic = LogisticRegressionClassifier.ReadFrom(ref reader, TheftFeatureExtractor.FeatureCount, "classifier");
                (classifier, factory) = (logistic, () => new LogisticRegressionClassifier(logistic.Lambda, logistic.MaxIterations));
                break;
            default:
                throw new TheftModelFormatException($"unknown classifier kind {kind} (1 = gradient-boosted trees, 2 = logistic regression)", kindAt);
        }

        var combiner = LogisticRegressionClassifier.ReadFrom(ref reader, HybridTheftDetector.CombinerInputCount, "combiner");
        if (reader.Remaining > 0)
        {
            throw reader.Fail($"{reader.Remaining} bytes after the combiner");
        }

        var options = new TheftDetectorOptions { ClassifierFactory = factory, Folds = folds, TargetFalsePositiveRate = target, Seed = seed };
        return HybridTheftDetector.Restore(intervals, options, classifier, combiner, threshold);
    }

    private static void ReadFeatureNames(ref TheftModelReader reader)
    {
        var at = reader.Position;
        var count = reader.ReadInt32("feature count", 1, MaxFeatures);
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = reader.ReadString($"feature name {i}");
        }

        var expected = TheftFeatureExtractor.FeatureNames;
        for (var i = 0; i < Math.Max(count, expected.Count); i++)
        {
            var saved = i < count ? names[i] : "(none)";
            var current = i < expected.Count ? expected[i] : "(none)";
            if (!string.Equals(saved, current, StringComparison.Ordinal))
            {
                throw new TheftModelFormatException(
                    $"made for another feature set: feature {i} is '{saved}' in the model and '{current}' in this build ({count} features against {expected.Count}); fit the model again", at);
            }
        }
    }
}
