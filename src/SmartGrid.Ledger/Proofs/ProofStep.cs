using System.Collections.Immutable;
using SmartGrid.Ledger.Merkle;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Ledger.Proofs;

/// <summary>
/// One tier of a reading proof: the Merkle path of the lower chain's head under the first
/// header's anchor root, then that node's block headers up to the one the next tier anchored.
/// </summary>
/// <param name="Inclusion">The anchor's inclusion proof under <c>Headers[0].AnchorRoot</c>.</param>
/// <param name="Headers">Consecutive headers of the anchoring node's chain, oldest first (at least one).</param>
public sealed record ProofStep(MerkleProof Inclusion, ImmutableArray<AnchorBlockHeader> Headers);
