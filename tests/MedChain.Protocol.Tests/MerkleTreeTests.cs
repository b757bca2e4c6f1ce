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

    [Fact]
    public void RootsFollowTheRecursiveDefinition()
    {
        // MTH(D[n]) = H(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of two below n (RFC 6962 2.1).
        var leaves = Enumerable.Range(0, 7).Select(i => MerkleTree.HashLeaf([(byte)i])).ToList();
        byte[] Node(byte[] l, byte[] r) => SHA256.HashData([0x01, .. l, .. r]);
        byte[] left = Node(Node(leaves[0], leaves[1]), Node(leaves[2], leaves[3]));
        byte[] right = Node(Node(leaves[4], leaves[5]), leaves[6]);
        Assert.Equal(Node(left, right), MerkleTree.Root(leaves));
        Assert.Equal(Node(Node(leaves[0], leaves[1]), leaves[2]), MerkleTree.Root(leaves.Take(3).ToList()));
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
                var tampered = proof.Select(x => (byte[])x.Clone()).ToList();
                tampered[0][5] ^= 1;
                Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, size, tampered, root));
                Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, size, proof.Skip(1).ToList(), root));
                Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, size, [.. proof, leaves[0]], root));
            }
        }
    }
}
