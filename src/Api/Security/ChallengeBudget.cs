using MedChain.Api.Hosting;
using Microsoft.Extensions.Options;

namespace MedChain.Api.Security;

/// <summary>
/// How many login challenges this API instance holds open (issued and not yet expired), so that a
/// flood of anonymous challenges cannot pin unbounded activations: at most <c>Api:MaxOpenChallenges</c>.
/// </summary>
public sealed class ChallengeBudget(IOptions<ApiOptions> options, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> _expiries = new();
    private readonly Lock _gate = new();

    /// <summary>Takes a place for a challenge until <paramref name="expires"/>; false when every place is taken.</summary>
    public bool TryOpen(DateTimeOffset expires)
    {
        lock (_gate)
        {
            DateTimeOffset now = time.GetUtcNow();
            while (_expiries.TryPeek(out DateTimeOffset first) && first <= now)
            {
                _expiries.Dequeue();
            }
            if (_expiries.Count >= options.Value.MaxOpenChallenges)
            {
                return false;
            }
            _expiries.Enqueue(expires);
            return true;
        }
    }
}
