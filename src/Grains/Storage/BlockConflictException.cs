namespace MedChain.Grains.Storage;

/// <summary>A different block is already stored at this height of the chain.</summary>
public sealed class BlockConflictException : Exception
{
    /// <summary>Creates the exception for a chain and height.</summary>
    public BlockConflictException(string chain, long height)
        : base($"Chain {chain} already holds a different block at height {height}.")
    {
        Chain = chain;
        Height = height;
    }

    /// <summary>The chain.</summary>
    public string Chain { get; }

    /// <summary>The height.</summary>
    public long Height { get; }
}
