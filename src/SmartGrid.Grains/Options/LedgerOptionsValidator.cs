using Microsoft.Extensions.Options;

namespace SmartGrid.Grains.Options;

/// <summary>Fails silo start-up with a message naming the bad setting.</summary>
public sealed class LedgerOptionsValidator : IValidateOptions<LedgerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.TrustAnchor is null)
        {
            failures.Add($"{nameof(LedgerOptions)}.{nameof(LedgerOptions.TrustAnchor)} is required: the utility root public key every certificate must verify under");
        }

        if (options.MaxClockSkew < TimeSpan.Zero || options.MaxClockSkew > TimeSpan.FromDays(1))
        {
            failures.Add($"{nameof(LedgerOptions.MaxClockSkew)} must be within 0..1 day, not {options.MaxClockSkew}");
        }

        if (options.RecentWindow is < 1 or > 1_024)
        {
            failures.Add($"{nameof(LedgerOptions.RecentWindow)} must be within 1..1024, not {options.RecentWindow}");
        }

        if (options.MaxBlocksPerRead is < 1 or > 100_000)
        {
            failures.Add($"{nameof(LedgerOptions.MaxBlocksPerRead)} must be within 1..100000, not {options.MaxBlocksPerRead}");
        }

        if (options.MaxAppliancesPerMeter is < 1 or > 4_096)
        {
            failures.Add($"{nameof(LedgerOptions.MaxAppliancesPerMeter)} must be within 1..4096, not {options.MaxAppliancesPerMeter}");
        }

        if (options.MaxBlocksPerIngest is < 1 or > 100_000)
        {
            failures.Add($"{nameof(LedgerOptions.MaxBlocksPerIngest)} must be within 1..100000, not {options.MaxBlocksPerIngest}");
        }

        if (options.StatisticsFlushInterval <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(LedgerOptions.StatisticsFlushInterval)} must be positive");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
