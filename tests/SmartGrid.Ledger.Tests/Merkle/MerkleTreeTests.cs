using System.Security.Cryptography;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Merkle;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Merkle;

/// <summary>Merkle tree hashing as RFC 6962 / RFC 9162 §2.1 defines it.</summary>
public class MerkleTreeTests
{
    [Fact]
    public void Root_of_the_empty_tree_is_sha256_of_the_empty_string()
    {
        MerkleTree.ComputeRoot([]).ToString().Should().Be("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        MerkleTree.EmptyRoot.Should().Be(MerkleTree.ComputeRoot([]));
    }

    [Fact]
    public void Root_of_a_single_leaf_is_its_leaf_hash()
    {
        var leaf = MerkleTree.HashLeaf("reading 0"u8);

        MerkleTree.ComputeRoot([leaf]).Should().Be(leaf);
    }

    [Fact]
    public void Leaf_hash_is_sha256_of_0x00_and_the_data()
    {
        MerkleTree.HashLeaf("abc"u8).Should().Be(new Hash256(SHA256.HashData([0x00, .. "abc"u8])));
        MerkleTree.HashLeaf([]).ToString().Should().Be("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    [Fact]
    public void Leaf_hash_of_large_data_is_the_same_formula()
    {
        var data = new byte[4096];
        data.AsSpan().Fill(0xA5);

        MerkleTree.HashLeaf(data).Should().Be(new Hash256(SHA256.HashData([0x00, .. data])));
    }

    [Fact]
    public void Node_hash_is_sha256_of_0x01_left_and_right()
    {
        var left = MerkleTree.HashLeaf("left"u8);
        var right = MerkleTree.HashLeaf("right"u8);

        MerkleTree.HashNode(left, right).Should().Be(new Hash256(SHA256.HashData([0x01, .. left.Span, .. right.Span])));
        MerkleTree.HashNode(left, right).Should().NotBe(MerkleTree.HashNode(right, left));
    }

    [Fact]
    public void A_leaf_cannot_pass_for_an_inner_node()
    {
        // Without domain separation, a leaf whose data is left||right would hash like the node over
        // left and right, and a proof could present the node as a leaf (a second preimage).
        var left = MerkleTree.HashLeaf("left"u8);
        var right = MerkleTree.HashLeaf("right"u8);
        byte[] concatenated = [.. left.Span, .. right.Span];

        MerkleTree.HashLeaf(concatenated).Should().NotBe(MerkleTree.HashNode(left, right));
        MerkleTree.ComputeRoot([MerkleTree.HashLeaf(concatenated)]).Should().NotBe(MerkleTree.ComputeRoot([left, right]));
    }

    [Theory]
    [InlineData(1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")]
    [InlineData(2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [InlineData(3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77")]
    [InlineData(4, "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(5, "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4")]
    [InlineData(6, "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef")]
    [InlineData(7, "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c")]
    [InlineData(8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")]
    public void Roots_match_the_certificate_transparency_reference_vectors(int size, string expectedRoot)
    {
        var leaves = ReferenceMerkle.CtLeaves[..size].Select(d => MerkleTree.HashLeaf(d)).ToArray();

        MerkleTree.ComputeRoot(leaves).ToString().Should().Be(expectedRoot);
    }

    [Fact]
    public void Roots_match_a_recursive_rfc6962_implementation_for_every_size_up_to_40()
    {
        var data = ReferenceMerkle.Leaves(40);
        var leaves = data.Select(d => MerkleTree.HashLeaf(d)).ToArray();

        for (var size = 0; size <= 40; size++)
        {
            MerkleTree.ComputeRoot(leaves.AsSpan(0, size)).Should().Be(ReferenceMerkle.Root(data.AsSpan(0, size)), $"the tree has {size} leaves");
        }
    }

    [Fact]
    public void Computing_a_root_leaves_the_leaf_hashes_untouched()
    {
        var leaves = ReferenceMerkle.Leaves(5).Select(d => MerkleTree.HashLeaf(d)).ToArray();
        var copy = leaves.ToArray();

        MerkleTree.ComputeRoot(leaves);

        leaves.Should().Equal(copy);
    }
}
