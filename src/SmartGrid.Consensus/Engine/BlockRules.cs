using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Evidence;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Engine;

/// <summary>
/// The validity rules of docs/POEF.md §6 that need no application knowledge: the header's place in
/// the chain and its efficiency claim (provable from committed data, so a breach is evidence), and
/// the evidence a block carries. An auditor holding the committed chain can run them offline.
/// </summary>
public static class BlockRules
{
    /// <summary>
    /// Why <paramref name="block"/> cannot be the block of its height given the committed
    /// <paramref name="previous"/> hash and <paramref name="table"/> in force, or null. Each defect
    /// is provable by anyone holding the chain.
    /// </summary>
    public static string? ProvableDefect(ConsensusBlock block, ValidatorSet set, EfficiencyTable table, Hash256 previous)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(table);
        return block.SetId != set.Id ? "the block names another validator set"
            : block.Previous != previous ? $"the block builds on {block.Previous.ToShortString()}, not on the committed {previous.ToShortString()}"
            : !table.Matches(block.Claim) ? $"the efficiency claim [{string.Join(' ', block.Claim)}] is not the committed table [{string.Join(' ', table.Scores)}]"
            : null;
    }

    /// <summary>Why <paramref name="proposal"/> is provably invalid at its height and round (not drawn by the lottery, or a provable header defect), or null.</summary>
    public static string? ProvableDefect(Proposal proposal, ValidatorSet set, EfficiencyTable table, Hash256 previous, EfficiencyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(set);
        var drawn = ProposerLottery.Draw(set, table, parameters, previous, proposal.Height, proposal.Round);
        return set.IndexOf(proposal.Proposer) != drawn
            ? $"{proposal.Proposer} proposed h{proposal.Height} r{proposal.Round}, but the lottery drew {set[drawn].Id}"
            : proposal.Block.Height != proposal.Height
                ? $"the proposal of height {proposal.Height} carries a block of height {proposal.Block.Height}"
                : ProvableDefect(proposal.Block, set, table, previous);
    }

    /// <summary>
    /// Why the evidence in <paramref name="block"/> cannot be committed at the book's height: a
    /// record that does not prove its fault, a fault already punished or older than the horizon, or
    /// the same fault twice. Null when all of it can.
    /// </summary>
    public static string? EvidenceDefect(ConsensusBlock block, ValidatorSet set, EfficiencyBook book)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(book);
        var keys = new HashSet<MisbehaviourKey>();
        foreach (var item in block.Evidence)
        {
            if (EvidenceDefect(item, set, book) is { } defect)
            {
                return defect;
            }

            if (!keys.Add(item.Key))
            {
                return $"{item} is carried twice";
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="item"/> cannot be committed at the book's height, or null when it can.</summary>
    public static string? EvidenceDefect(Misbehaviour item, ValidatorSet set, EfficiencyBook book) => EvidenceDefect(item, set, book, checkSignatures: true);

    /// <summary>As <see cref="EvidenceDefect(Misbehaviour, ValidatorSet, EfficiencyBook)"/>; signatures are skipped for evidence built from messages already verified.</summary>
    internal static string? EvidenceDefect(Misbehaviour item, ValidatorSet set, EfficiencyBook book, bool checkSignatures)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(book);
        var key = item.Key;
        if (checkSignatures && item.SignatureDefect(set) is { } unsigned)
        {
            return unsigned;
        }

        if (book.IsPunished(key))
        {
            return $"{item} is already punished";
        }

        if (!book.TryGetContext(key.Height, out var table, out var previous))
        {
            return $"{item} is outside the evidence horizon";
        }

        return item.Kind == MisbehaviourKind.InvalidProposal && ProvableDefect((Proposal)item.First, set, table, previous, book.Parameters) is null
            ? $"{item} accuses a valid proposal"
            : null;
    }
}
