using System.Collections.Concurrent;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Messages;

/// <summary>
/// Ids of messages whose signature was found valid, shared by the validators of one process: in a
/// silo hosting n validators of a set, each message would otherwise be verified n-1 times.
/// </summary>
/// <remarks>
/// A message's id is SHA-256 of its whole wire encoding, signature included, and the signed bytes
/// name the set (whose id fixes every member's key), so "this id verified" is a fact about the
/// bytes alone and holds for every validator of that set. Only successes are kept, so a cache can
/// never make a bad signature pass, and a lookup changes no result, only its cost: engines stay
/// deterministic. Thread-safe; bounded by <see cref="Capacity"/> (emptied when full).
/// </remarks>
public sealed class VerifiedMessageCache
{
    private readonly ConcurrentDictionary<Hash256, byte> _verified = new();

    /// <summary>A cache of at most <paramref name="capacity"/> ids.</summary>
    public VerifiedMessageCache(int capacity = 65_536)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>Most ids kept; the cache is emptied when it is full.</summary>
    public int Capacity { get; }

    /// <summary>Ids currently kept.</summary>
    public int Count => _verified.Count;

    /// <summary>Whether the message <paramref name="id"/> is signed, asking <paramref name="verify"/> only when it was not verified before.</summary>
    public bool IsVerified<TState>(Hash256 id, TState state, Func<TState, bool> verify)
    {
        ArgumentNullException.ThrowIfNull(verify);
        if (_verified.ContainsKey(id))
        {
            return true;
        }

        if (!verify(state))
        {
            return false;
        }

        if (_verified.Count >= Capacity)
        {
            _verified.Clear();
        }

        _verified.TryAdd(id, 0);
        return true;
    }
}
