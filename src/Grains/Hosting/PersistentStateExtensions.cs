namespace MedChain.Grains.Hosting;

/// <summary>Writing grain state so that a failed write leaves memory as storage holds it.</summary>
public static class PersistentStateExtensions
{
    /// <summary>Writes the state; when the write fails, <paramref name="undo"/> puts memory back and the failure propagates.</summary>
    public static async Task WriteOrUndoAsync<T>(this IPersistentState<T> state, Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }
    }
}
