namespace SmartGrid.Ledger.Proofs;

/// <summary>Why a proof could not be built from a store.</summary>
public enum ProofUnavailableReason
{
    /// <summary>The store holds no chain for the meter.</summary>
    UnknownMeter = 1,

    /// <summary>No reading of the meter covers the requested time.</summary>
    NoReading = 2,

    /// <summary>The reading is not yet anchored up to the utility (the tier is named in the message).</summary>
    NotYetAnchored = 3,

    /// <summary>A stored record on the proof's path does not decode or does not match its anchor: audit the store.</summary>
    StoreDefect = 4,
}
