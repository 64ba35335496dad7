using System.Collections.Immutable;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Merkle;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Merkle;

/// <summary>Inclusion proofs (RFC 9162 §2.1.3): made for every leaf, verified offline, sound against every small change.</summary>
public class MerkleProofTests
{
    private const int MaxSize = 40;

    private static readonly Hash256[] Leaves = [.. ReferenceMerkle.Leaves(MaxSize + 1).Select(d => MerkleTree.HashLeaf(d))];

    [Fact]
    public void Every_leaf_of_every_tree_up_to_40_has_a_proof_that_recomputes_the_root()
    {
        for (var size = 1; size <= MaxSize; size++)
        {
            var leaves = Leaves.AsSpan(0, size);
            var root = MerkleTree.ComputeRoot(leaves);
            for (var index = 0; index < size; index++)
            {
                var proof = MerkleTree.CreateProof(leaves, index);

                proof.LeafIndex.Should().Be(index);
                proof.TreeSize.Should().Be(size);
                proof.ComputeRoot(leaves[index]).Should().Be(root, $"leaf {index} of {size}");
                proof.Verify(leaves[index], root).Should().BeTrue();
            }
        }
    }

    [Fact]
    public void Proofs_are_as_long_as_the_leaf_is_deep()
    {
        // In a tree of 5 leaves, leaves 0-3 sit under a perfect subtree of 4 (depth 3), leaf 4 right under the root.
        var leaves = Leaves[..5];

        Enumerable.Range(0, 5).Select(i => MerkleTree.CreateProof(leaves, i).Path.Length).Should().Equal(3, 3, 3, 3, 1);
        MerkleTree.CreateProof(Leaves.AsSpan(0, 1), 0).Path.Should().BeEmpty();
        MerkleTree.CreateProof(Leaves.AsSpan(0, 32), 17).Path.Should().HaveCount(5);
    }

    [Fact]
    public void A_proof_fails_for_any_other_leaf()
    {
        ForEveryProof((leaves, root, proof) =>
        {
            foreach (var other in Leaves)
            {
                if (other != leaves[(int)proof.LeafIndex])
                {
                    proof.Verify(other, root).Should().BeFalse();
                }
            }
        });
    }

    [Fact]
    public void A_proof_fails_at_any_other_index()
    {
        ForEveryProof((leaves, root, proof) =>
        {
            for (var index = -1; index <= leaves.Length; index++)
            {
                if (index != proof.LeafIndex)
                {
                    (proof with { LeafIndex = index }).Verify(leaves[(int)proof.LeafIndex], root).Should().BeFalse();
                }
            }
        });
    }

    [Fact]
    public void A_proof_relabelled_with_another_size_does_not_prove_inclusion_in_a_tree_of_that_size()
    {
        ForEveryProof((leaves, _, proof) =>
        {
            foreach (var size in new[] { proof.TreeSize - 1, proof.TreeSize + 1 })
            {
                if (size > 0)
                {
                    var rootOfThatSize = MerkleTree.ComputeRoot(Leaves.AsSpan(0, (int)size));
                    (proof with { TreeSize = size }).Verify(leaves[(int)proof.LeafIndex], rootOfThatSize).Should().BeFalse();
                }
            }
        });
    }

    [Fact]
    public void A_root_must_be_paired_with_its_tree_size()
    {
        // RFC 9162 paths do not commit to the size on their own: leaf 0's path in a tree of 3
        // also walks to the same root when read as a tree of 4. The root is what fixes the size,
        // so a verifier must take the size from the same signed head as the root.
        var leaves = Leaves.AsSpan(0, 3);
        var root = MerkleTree.ComputeRoot(leaves);
        var proof = MerkleTree.CreateProof(leaves, 0);

        (proof with { TreeSize = 4 }).Verify(leaves[0], root).Should().BeTrue();
        (proof with { TreeSize = 4 }).Verify(leaves[0], MerkleTree.ComputeRoot(Leaves.AsSpan(0, 4))).Should().BeFalse();
    }

    [Fact]
    public void A_truncated_path_fails()
    {
        ForEveryProof((leaves, root, proof) =>
        {
            if (proof.Path.Length > 0)
            {
                var truncated = proof with { Path = proof.Path.RemoveAt(proof.Path.Length - 1) };
                truncated.ComputeRoot(leaves[(int)proof.LeafIndex]).Should().BeNull();
                truncated.Verify(leaves[(int)proof.LeafIndex], root).Should().BeFalse();
            }
        });
    }

    [Fact]
    public void An_extended_path_fails()
    {
        ForEveryProof((leaves, root, proof) =>
        {
            var extended = proof with { Path = proof.Path.Add(root) };
            extended.ComputeRoot(leaves[(int)proof.LeafIndex]).Should().BeNull();
            extended.Verify(leaves[(int)proof.LeafIndex], root).Should().BeFalse();
        });
    }

    [Fact]
    public void A_proof_fails_against_another_root()
    {
        var leaves = Leaves.AsSpan(0, 7);
        var proof = MerkleTree.CreateProof(leaves, 3);

        proof.Verify(leaves[3], MerkleTree.ComputeRoot(Leaves.AsSpan(1, 7))).Should().BeFalse();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void There_is_no_proof_for_an_index_outside_the_tree(int index)
    {
        FluentActions.Invoking(() => MerkleTree.CreateProof(Leaves.AsSpan(0, 5), index)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_proof_survives_encoding_and_decoding()
    {
        var proof = MerkleTree.CreateProof(Leaves.AsSpan(0, 40), 37);

        var bytes = proof.Encode();

        bytes.Length.Should().Be(2 + 1 + 1 + 1 + (proof.Path.Length * Hash256.Size));
        Convert.ToHexStringLower(bytes[..5]).Should().Be("1301" + "25" + "28" + "04"); // type, version, index 37, size 40, 4 hashes
        MerkleProof.Decode(bytes).Should().Be(proof);
    }

    [Fact]
    public void A_single_leaf_proof_has_an_empty_path_on_the_wire()
    {
        var proof = MerkleTree.CreateProof(Leaves.AsSpan(0, 1), 0);

        Convert.ToHexStringLower(proof.Encode()).Should().Be("1301000100");
        MerkleProof.Decode(proof.Encode()).Should().Be(proof);
    }

    [Theory]
    [InlineData("1301000000")]     // size 0
    [InlineData("1301050500")]     // index 5 of 5
    [InlineData("1301004141")]     // a path of 65 hashes
    [InlineData("130100010000")]   // trailing byte
    [InlineData("13018000010100")] // non-minimal index
    [InlineData("1302000100")]     // version 2
    [InlineData("1401000100")]     // another record type
    [InlineData("13010001")]       // path length missing
    [InlineData("1301000101")]     // one hash announced, none present
    public void Malformed_proof_bytes_are_a_format_error(string hex)
    {
        FluentActions.Invoking(() => MerkleProof.Decode(Convert.FromHexString(hex))).Should().ThrowExactly<LedgerFormatException>();
    }

    [Fact]
    public void Proofs_compare_by_content()
    {
        var proof = MerkleTree.CreateProof(Leaves.AsSpan(0, 9), 4);
        var copy = new MerkleProof(4, 9, [.. proof.Path]);

        copy.Should().Be(proof);
        copy.GetHashCode().Should().Be(proof.GetHashCode());
        (proof with { Path = ImmutableArray<Hash256>.Empty }).Should().NotBe(proof);
    }

    private static void ForEveryProof(Action<Hash256[], Hash256, MerkleProof> check)
    {
        for (var size = 1; size <= MaxSize; size++)
        {
            var leaves = Leaves[..size];
            var root = MerkleTree.ComputeRoot(leaves);
            for (var index = 0; index < size; index++)
            {
                check(leaves, root, MerkleTree.CreateProof(leaves, index));
            }
        }
    }
}
