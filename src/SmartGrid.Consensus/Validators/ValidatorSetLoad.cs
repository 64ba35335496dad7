namespace SmartGrid.Consensus.Validators;

/// <summary>The validator sets read from a store (<see cref="StoredValidatorSets.LoadAsync(Ledger.Storage.ILedgerStore, Ledger.Storage.IPkiStore, Ledger.Crypto.PublicKey, CancellationToken)"/>).</summary>
/// <param name="Sets">The sets whose members are certified, in store order.</param>
/// <param name="Problems">Each stored set left out, and why.</param>
public sealed record ValidatorSetLoad(IReadOnlyList<ValidatorSet> Sets, IReadOnlyList<string> Problems);
