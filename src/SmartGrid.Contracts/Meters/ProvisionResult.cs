namespace SmartGrid.Contracts.Meters;

/// <summary>The outcome of provisioning a certificate on, or revoking one from, a meter.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.meters.provision-result")]
public sealed record ProvisionResult
{
    /// <summary>What happened.</summary>
    [Id(0)]
    public required ProvisionOutcome Outcome { get; init; }

    /// <summary>A sentence explaining a refusal; empty on success.</summary>
    [Id(1)]
    public string Message { get; init; } = string.Empty;

    /// <summary>Whether the certificate or revocation is in force after the call.</summary>
    public bool Succeeded => Outcome is ProvisionOutcome.Accepted or ProvisionOutcome.AlreadyKnown;

    /// <summary>A result for an outcome.</summary>
    public static ProvisionResult Of(ProvisionOutcome outcome, string message = "") => new() { Outcome = outcome, Message = message };

    /// <inheritdoc />
    public override string ToString() => Message.Length == 0 ? Outcome.ToString() : $"{Outcome}: {Message}";
}
