using System.Security.Cryptography;
using MedChain.Protocol.Ledger;

namespace MedChain.Protocol.Tests;

/// <summary>RFC 6962 tree hashes and inclusion proofs, against a direct recursive definition and tampering.</summary>
public sealed class MerkleTreeTests
{
    [Fact]
    public void EmptyAndSingleLeafFollowTheRfc()
    {
        Assert.Equal(SHA256.HashData([]), MerkleTree.Root([]));
        byte[] leaf = MerkleTree.HashLeaf("a"u8);
        Assert.Equal(SHA256.HashData([0x00, (byte)'a']), leaf);
        Assert.Equal(leaf, MerkleTree.Root([leaf]));
        byte[] other = MerkleTree.HashLeaf("b"u8);
        Assert.Equal(SHA256.HashData([0x01, .. leaf, .. other]), MerkleTree.Root([leaf, other]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(16)]
    public void EveryLeafHasAnInclusionProof(int size)
    {
        var leaves = Enumerable.Range(0, size).Select(i => MerkleTree.HashLeaf([(byte)i])).ToList();
        byte[] root = MerkleTree.Root(leaves);
        for (int i = 0; i < size; i++)
        {
            IReadOnlyList<byte[]> proof = MerkleTree.InclusionProof(leaves, i);
            Assert.True(MerkleTree.VerifyInclusion(leaves[i], i, size, proof, root));
            Assert.False(MerkleTree.VerifyInclusion(MerkleTree.HashLeaf([0xFF]), i, size, proof, root));
            if (size > 1)
            {
                Assert.False(MerkleTree.VerifyInclusion(leaves[i], (i + 1) % size, size, proof, root));
            }
        }
    }
}
